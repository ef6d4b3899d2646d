package io.vehicle.launcher.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.ServiceDefinition;
import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.runtime.SomeIpServer;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a small climate ECU as a SOME/IP server on loopback and calls it from a client over UDP
 * and TCP, printing every message on the wire.
 */
@Command(name = "rpc-demo", mixinStandardHelpOptions = true,
        description = "Raw request/response: a climate ECU and a client talking SOME/IP on loopback, every message in hex.")
public final class RpcDemoCommand implements java.util.concurrent.Callable<Integer> {

    static final int HVAC_SERVICE = 0x1001;
    static final int SET_TEMPERATURE = 0x0001;
    static final int GET_TEMPERATURE = 0x0002;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Loopback address to bind (default ${DEFAULT-VALUE}).")
    String host;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        AtomicInteger setpointDeciCelsius = new AtomicInteger(215);
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer ecu = SomeIpServer.start(runtime, host, 0, 0, EndpointOptions.defaults())) {
            ecu.register(ServiceDefinition.builder(HVAC_SERVICE, 1, 1)
                    .method(SET_TEMPERATURE, request -> {
                        if (request.payload().readableBytes() != 2) {
                            return CompletableFuture.failedFuture(new io.vehicle.someip.runtime
                                    .MalformedPayloadException("setpoint is a 2-byte value"));
                        }
                        int value = request.payload().getShort(request.payload().readerIndex());
                        if (value < 160 || value > 300) {
                            return CompletableFuture.failedFuture(new SomeIpErrorException(0x20,
                                    "setpoint out of range 16.0..30.0 °C"));
                        }
                        setpointDeciCelsius.set(value);
                        return CompletableFuture.completedFuture(Unpooled.EMPTY_BUFFER);
                    })
                    .method(GET_TEMPERATURE, request -> CompletableFuture.completedFuture(
                            Unpooled.buffer(2).writeShort(setpointDeciCelsius.get())))
                    .build());
            out.printf("Climate ECU (service 0x%04X) serving on udp %s and tcp %s (transport: %s)%n",
                    HVAC_SERVICE, ecu.udpAddress(), ecu.tcpAddress(), runtime.transport());
            try (SomeIpClient udp = SomeIpClient.udp(runtime, ecu.udpAddress(), 0x0010, EndpointOptions.defaults());
                 SomeIpClient tcp = SomeIpClient.tcp(runtime, ecu.tcpAddress(), 0x0011, EndpointOptions.defaults())) {
                call(udp, "UDP: set the driver setpoint to 22.5 °C", SET_TEMPERATURE, Unpooled.buffer(2).writeShort(225));
                call(tcp, "TCP: read the setpoint back", GET_TEMPERATURE, Unpooled.EMPTY_BUFFER);
                call(udp, "UDP: try 45.0 °C (the ECU refuses it)", SET_TEMPERATURE, Unpooled.buffer(2).writeShort(450));
                call(tcp, "TCP: send a 1-byte setpoint (malformed)", SET_TEMPERATURE, Unpooled.buffer(1).writeByte(1));
                call(udp, "UDP: call a method the ECU does not have", 0x0077, Unpooled.EMPTY_BUFFER);
            }
            out.printf("Setpoint at the ECU is now %.1f °C. Done.%n", setpointDeciCelsius.get() / 10.0);
        }
        return 0;
    }

    private void call(SomeIpClient client, String what, int method, ByteBuf payload) throws Exception {
        out.println();
        out.println(what);
        SomeIpMessage request = SomeIpMessage.builder(HVAC_SERVICE, method, MessageType.REQUEST).interfaceVersion(1)
                .payload(payload).build();
        // Printed before sending: the client fills in its client id and the next session id on the way out.
        out.println("  -> " + hex(request) + "   " + request + " (client/session assigned on send)");
        try {
            SomeIpMessage response = client.request(request).get(5, TimeUnit.SECONDS);
            try {
                out.println("  <- " + hex(response) + "   " + response);
                if (method == GET_TEMPERATURE) {
                    out.printf("     setpoint: %.1f °C%n", response.payload().getShort(0) / 10.0);
                }
            } finally {
                response.release();
            }
        } catch (ExecutionException e) {
            out.println("  <- " + e.getCause().getMessage());
        }
    }

    private static String hex(SomeIpMessage message) {
        ByteBuf encoded = SomeIpCodec.encode(message, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.hexDump(encoded).replaceAll("(.{8})", "$1 ").trim();
        } finally {
            encoded.release();
        }
    }
}
