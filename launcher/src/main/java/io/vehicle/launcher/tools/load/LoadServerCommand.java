package io.vehicle.launcher.tools.load;

import io.vehicle.launcher.tools.PacedSender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.ServiceDefinition;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.runtime.SomeIpServer;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The server half of the load tool, run as its own process: a SOME/IP server (UDP and TCP) and
 * the bare-socket counterparts of the baselines ({@link BareEchoes}) and the plain Netty echoes of the Netty floor
 * ({@link NettyEchoes}). Prints its ports as one JSON line, then serves until
 * its standard input closes.
 */
@Command(name = "load-server", mixinStandardHelpOptions = true, hidden = true,
        description = "Server process of the load tool (started by 'vehicle load').")
public final class LoadServerCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--threads", defaultValue = "1", description = "Event loop threads.")
    int threads;

    @Option(names = "--transport", defaultValue = "auto",
            description = "Netty transport: auto, io_uring, epoll or nio (default ${DEFAULT-VALUE}).")
    String transport;

    @Override
    public Integer call() throws Exception {
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, threads);
             SomeIpServer server = SomeIpServer.start(runtime, host, 0, 0, EndpointOptions.defaults());
             BareEchoes bare = new BareEchoes(host);
             NettyEchoes netty = new NettyEchoes(runtime, host)) {
            server.register(ServiceDefinition.builder(LoadProtocol.SERVICE, LoadProtocol.INSTANCE,
                            LoadProtocol.MAJOR_VERSION)
                    .method(LoadProtocol.ECHO, request -> CompletableFuture.completedFuture(
                            request.payload().retainedDuplicate()))
                    .method(LoadProtocol.STREAM, request -> stream(server, runtime.group().next(), request))
                    .build());
            var ports = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("udp", server.udpAddress().getPort()).put("tcp", server.tcpAddress().getPort())
                    .put("bareUdp", bare.udpPort()).put("bareTcp", bare.tcpPort())
                    .put("bareStream", bare.streamPort())
                    .put("nettyUdp", netty.udpPort()).put("nettyTcp", netty.tcpPort())
                    .put("transport", runtime.transportChoice().toString());
            System.out.println(ports);
            System.out.flush();
            // Serve until the parent closes our standard input (or dies).
            while (System.in.read() >= 0) {
                // ignore input
            }
        }
        return 0;
    }

    private static CompletableFuture<ByteBuf> stream(SomeIpServer server, EventLoop loop, SomeIpMessage request) {
        ByteBuf in = request.payload();
        if (in.readableBytes() < 12) {
            return CompletableFuture.failedFuture(new io.vehicle.someip.runtime.MalformedPayloadException(
                    "stream request needs 12 bytes"));
        }
        long count = in.getUnsignedInt(in.readerIndex());
        int size = Math.max(4, in.getUnsignedShort(in.readerIndex() + 4));
        long rate = in.getUnsignedInt(in.readerIndex() + 6);
        int port = in.getUnsignedShort(in.readerIndex() + 10);
        InetSocketAddress target = new InetSocketAddress(server.udpAddress().getAddress(), port);
        byte[] filler = new byte[size - 4];
        int[] session = {0};
        return new PacedSender(loop, count, rate, n -> {
            ByteBuf payload = Unpooled.buffer(size).writeInt((int) n).writeBytes(filler);
            session[0] = session[0] >= 0xFFFF ? 1 : session[0] + 1;
            // One datagram per event, like an ECU publishing as values change.
            server.sendUdp(SomeIpMessage.builder(LoadProtocol.SERVICE, LoadProtocol.STREAM_EVENT,
                    MessageType.NOTIFICATION).interfaceVersion(LoadProtocol.MAJOR_VERSION).sessionId(session[0])
                    .payload(payload).build(), target, true);
        }).start().thenApply(sent -> Unpooled.buffer(4).writeInt(sent.intValue()));
    }
}
