package io.vehicle.someip.runtime;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Run as its own JVM by {@link TransportFallbackTest}: a runtime for the setting in args[0], one
 * echo over UDP and one over TCP, and a line saying which transport served them.
 */
public final class TransportProbe {

    private TransportProbe() {
    }

    public static void main(String[] args) throws Exception {
        EndpointOptions options = EndpointOptions.defaults();
        try (SomeIpRuntime runtime = new SomeIpRuntime(args[0], 1);
             SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", 0, 0, options)) {
            server.register(ServiceDefinition.builder(0x5151, 1, 1).method(1, request ->
                    CompletableFuture.completedFuture(request.payload().retainedDuplicate())).build());
            StringBuilder echoes = new StringBuilder();
            for (boolean reliable : new boolean[] {false, true}) {
                try (SomeIpClient client = reliable ? SomeIpClient.tcp(runtime, server.tcpAddress(), 0x11, options)
                        : SomeIpClient.udp(runtime, server.udpAddress(), 0x11, options)) {
                    SomeIpMessage answer = client.request(SomeIpMessage.builder(0x5151, 1, MessageType.REQUEST)
                            .interfaceVersion(1).payload(Unpooled.buffer(4).writeInt(reliable ? 2 : 1)).build())
                            .get(10, TimeUnit.SECONDS);
                    echoes.append(reliable ? " tcp=" : " udp=").append(answer.payload().getInt(0));
                    answer.release();
                }
            }
            System.out.println("transport=" + runtime.transport().configName() + echoes
                    + " fellBack=" + runtime.transportChoice().fellBack()
                    + " reason=" + runtime.transportChoice().reason());
        }
    }
}
