package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vehicle.someip.transport.NettyTransport;
import io.vehicle.testing.Await;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * issue #13 (vsomeip interop): a TCP peer that exits resets its connections; the server counts
 * that and logs it at debug, with no WARN, on every transport.
 */
class PeerResetTest {

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void peerResetIsCountedNotWarned(NettyTransport transport) throws Exception {
        EachTransportTest.requireAvailable(transport);
        Logger logger = (Logger) LoggerFactory.getLogger(SomeIpInboundHandler.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 1);
             SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", -1, 0, EndpointOptions.defaults())) {
            server.register(ServiceDefinition.builder(0x5153, 1, 1).method(1, request ->
                    CompletableFuture.completedFuture(request.payload().retainedDuplicate())).build());
            try (Socket peer = new Socket("127.0.0.1", server.tcpAddress().getPort())) {
                byte[] request = ByteBuffer.allocate(20).putShort((short) 0x5153).putShort((short) 1).putInt(12)
                        .putShort((short) 0x31).putShort((short) 1).put((byte) 1).put((byte) 1).put((byte) 0)
                        .put((byte) 0).putInt(42).array();
                OutputStream out = peer.getOutputStream();
                out.write(request);
                out.flush();
                InputStream in = peer.getInputStream();
                ByteBuffer answer;
                do { // the server may lead with a Magic Cookie (feat_req_someip_594)
                    ByteBuffer head = ByteBuffer.wrap(in.readNBytes(8));
                    answer = ByteBuffer.allocate(8 + head.getInt(4)).put(head.array());
                    answer.put(in.readNBytes(head.getInt(4)));
                } while (answer.getShort(0) != 0x5153);
                assertThat(answer.getInt(16)).as("echoed").isEqualTo(42);
                // What a process exiting with unread data or SO_LINGER 0 does: RST, not FIN.
                peer.setSoLinger(true, 0);
            }
            Await.until("the reset counted", Duration.ofSeconds(10), () -> server.inboundErrors().peerResets() == 1);
            Await.until("the connection gone", Duration.ofSeconds(10), () -> server.tcpConnections().isEmpty());
            assertThat(logged.list).as("no warning").noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
            assertThat(logged.list).anyMatch(e -> e.getLevel() == Level.DEBUG
                    && e.getFormattedMessage().startsWith("Connection reset by peer"));
        } finally {
            logger.detachAppender(logged);
            logger.setLevel(before);
        }
    }
}
