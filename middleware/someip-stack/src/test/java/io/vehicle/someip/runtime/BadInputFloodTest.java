package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A running server under a flood of hostile input on loopback (random, truncated, mis-sized,
 * unknown-type, TP-flagged and half-valid UDP datagrams; TCP connections full of garbage) while a
 * client keeps calling it: every valid call is answered, nothing escapes a handler, the drops are
 * counted, memory stays bounded and no buffer leaks (LeakCheckExtension).
 */
class BadInputFloodTest {

    static final int SERVICE = 0x2222;
    static final int IFACE = 1;
    static final int ECHO = 0x0001;
    static final int FORGET = 0x0002;
    static final int DATAGRAMS = 12_000;
    static final int PACE = 50; // a round trip every PACE datagrams keeps socket buffers from overflowing
    static final long MEMORY_BOUND = 64L * 1024 * 1024;

    final List<String> escaped = new CopyOnWriteArrayList<>();

    @Test
    @DisplayName("feat_req_someip_798, feat_req_someip_718, feat_req_someip_719, feat_req_someip_586, "
            + "feat_req_someip_584, feat_req_someip_655: 10,000+ hostile packets are counted and dropped while "
            + "every valid call over UDP and TCP is answered")
    void survivesFlood() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        AppenderBase<ILoggingEvent> watcher = escapeWatcher();
        root.addAppender(watcher);
        EndpointOptions options = EndpointOptions.defaults().withMaxTcpMessageSize(64 * 1024);
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", 0, 0, options)) {
            server.register(ServiceDefinition.builder(SERVICE, 1, IFACE)
                    .method(ECHO, request -> CompletableFuture.completedFuture(request.payload().retainedDuplicate()))
                    .fireAndForget(FORGET, request -> CompletableFuture.completedFuture(null))
                    .build());
            long memoryBefore = usedMemory();
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger validCalls = new AtomicInteger();
            CompletableFuture<Void> caller = CompletableFuture.runAsync(
                    () -> callWhile(runtime, server, options, flooding, validCalls));
            int packets;
            try {
                packets = flood(server, new HostileInput(0x5EEDL, SERVICE, IFACE, ECHO, FORGET));
            } finally {
                flooding.set(false);
            }
            caller.get(60, TimeUnit.SECONDS); // rethrows the first failed or unanswered valid call

            assertThat(packets).isGreaterThanOrEqualTo(10_000);
            assertThat(validCalls.get()).as("valid calls made during the flood").isGreaterThanOrEqualTo(2);
            InboundErrors errors = server.inboundErrors();
            assertThat(errors.total()).isGreaterThan(DATAGRAMS / 2);
            for (WireError expected : List.of(WireError.TRUNCATED_HEADER, WireError.LENGTH_TOO_SMALL,
                    WireError.LENGTH_BEYOND_DATAGRAM, WireError.UNKNOWN_MESSAGE_TYPE, WireError.LENGTH_OVER_MAXIMUM,
                    WireError.STREAM_GARBAGE)) {
                assertThat(errors.count(expected)).as("%s counted", expected).isPositive();
            }
            assertThat(usedMemory() - memoryBefore).as("buffer memory growth").isLessThan(MEMORY_BOUND);
        } finally {
            root.detachAppender(watcher);
        }
        assertThat(escaped).as("errors that escaped into Netty or were logged as ERROR").isEmpty();
    }

    /** Valid calls over UDP and TCP, alternating, each of which must be answered. */
    static void callWhile(SomeIpRuntime runtime, SomeIpServer server, EndpointOptions options, AtomicBoolean flooding,
                          AtomicInteger calls) {
        try (SomeIpClient udp = SomeIpClient.udp(runtime, server.udpAddress(), 0x0101, options);
             SomeIpClient tcp = SomeIpClient.tcp(runtime, server.tcpAddress(), 0x0102, options)) {
            int i = 0;
            while (flooding.get() || i < 2) {
                SomeIpClient client = i % 2 == 0 ? udp : tcp;
                String text = "valid-" + i;
                SomeIpMessage response = client.request(SomeIpMessage.builder(SERVICE, ECHO, MessageType.REQUEST)
                        .interfaceVersion(IFACE).payload(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8))
                        .build()).get(10, TimeUnit.SECONDS);
                try {
                    assertThat(response.messageType()).isEqualTo(MessageType.RESPONSE);
                    assertThat(response.payload().toString(StandardCharsets.UTF_8)).isEqualTo(text);
                } finally {
                    response.release();
                }
                calls.incrementAndGet();
                i++;
            }
        } catch (Exception e) {
            throw new AssertionError("a valid call failed during the flood", e);
        }
    }

    /** Sends the hostile input; returns how many datagrams and TCP writes it made. */
    static int flood(SomeIpServer server, HostileInput input) throws Exception {
        int packets = 0;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(10_000);
            for (int i = 1; i <= DATAGRAMS; i++) {
                byte[] datagram = input.datagram();
                socket.send(new DatagramPacket(datagram, datagram.length, server.udpAddress()));
                packets++;
                if (i % PACE == 0) {
                    udpRoundTrip(socket, server.udpAddress(), i / PACE);
                }
                if (i % 1_000 == 0) {
                    packets += tcpGarbage(server.tcpAddress(), input, i / 1_000);
                }
            }
        }
        return packets;
    }

    /** A valid request from the flooding socket itself; it must be answered before the flood goes on. */
    static void udpRoundTrip(DatagramSocket socket, InetSocketAddress server, int session) throws IOException {
        byte[] request = HostileInput.message(SERVICE, ECHO, 0x0F0F, session, IFACE, 0x00, new byte[] {7});
        socket.send(new DatagramPacket(request, request.length, server));
        byte[] buffer = new byte[65536];
        while (true) { // answers to half-valid flood datagrams may come first; SO_TIMEOUT fails the test
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            socket.receive(answer);
            ByteBuffer header = ByteBuffer.wrap(buffer, 0, answer.getLength());
            for (int at = 0; at + 16 <= answer.getLength(); at += 8 + header.getInt(at + 4)) {
                if (header.getShort(at + 8) == 0x0F0F && (header.getShort(at + 10) & 0xFFFF) == session) {
                    assertThat(header.get(at + 14)).as("answer to the pacing request").isEqualTo((byte) 0x80);
                    return;
                }
            }
        }
    }

    /** Garbage over TCP: pure noise, noise with an over-long or too-short length, then resync and a call. */
    static int tcpGarbage(InetSocketAddress server, HostileInput input, int round) throws IOException {
        int writes = 0;
        try (Socket noise = new Socket(server.getAddress(), server.getPort())) {
            OutputStream out = noise.getOutputStream();
            for (int i = 0; i < 8; i++) {
                out.write(input.bytes(1 + input.nextInt(8192)));
                writes++;
            }
            // An allowed but never completed length: the server must free what it buffered on close.
            out.write(HostileInput.message(SERVICE, ECHO, 0x0F0E, 1, IFACE, 0x00, new byte[0]));
            out.write(ByteBuffer.allocate(8).putInt(0x22220001).putInt(60_000).array());
            writes += 2;
        }
        try (Socket resync = new Socket(server.getAddress(), server.getPort())) {
            resync.setSoTimeout(10_000);
            OutputStream out = resync.getOutputStream();
            out.write(input.desynchronisingGarbage(1 + input.nextInt(4096)));
            out.write(input.bytes(input.nextInt(4096)));
            // feat_req_someip_586: after a cookie the stream is understood again.
            out.write(HostileInput.concat(HostileInput.CLIENT_COOKIE,
                    HostileInput.message(SERVICE, ECHO, 0x0F0D, round, IFACE, 0x00, new byte[] {1, 2, 3})));
            writes += 3;
            awaitTcpAnswer(new DataInputStream(resync.getInputStream()), round);
        }
        return writes;
    }

    static void awaitTcpAnswer(DataInputStream in, int session) throws IOException {
        while (true) {
            byte[] header = new byte[16];
            in.readFully(header);
            ByteBuffer fields = ByteBuffer.wrap(header);
            in.readFully(new byte[fields.getInt(4) - 8]);
            if (fields.getShort(8) == 0x0F0D && (fields.getShort(10) & 0xFFFF) == session) {
                assertThat(header[14]).as("RESPONSE after resynchronisation").isEqualTo((byte) 0x80);
                return;
            }
        }
    }

    static long usedMemory() {
        long used = PlatformDependent.usedDirectMemory();
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            used += provider.metric().usedDirectMemory() + provider.metric().usedHeapMemory();
        }
        return used;
    }

    /** Catches what escaped a handler: ERROR logs and Netty's unhandled-exception warnings. */
    AppenderBase<ILoggingEvent> escapeWatcher() {
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                String text = event.getFormattedMessage();
                if (event.getLevel().isGreaterOrEqual(Level.ERROR) || text.contains("exceptionCaught()")
                        || event.getLoggerName().endsWith("SomeIpInboundHandler")) {
                    escaped.add(event.getLevel() + " " + event.getLoggerName() + ": " + text);
                }
            }
        };
        appender.setContext(((Logger) LoggerFactory.getLogger(BadInputFloodTest.class)).getLoggerContext());
        appender.start();
        return appender;
    }
}
