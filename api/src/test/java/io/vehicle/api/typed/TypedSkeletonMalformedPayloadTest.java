package io.vehicle.api.typed;

import io.vehicle.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureResponse;
import io.vehicle.idl.seats.v1.SeatMemoryPresets;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-made malformed payloads sent by a raw SomeIpClient (UDP and TCP) to methods of the typed
 * skeletons of {@link CatalogEcus}: each is answered with E_MALFORMED_MESSAGE (0x09,
 * feat_req_someip_371), and a valid call right after is still served.
 */
class TypedSkeletonMalformedPayloadTest {

    private static final int HVAC = 0x1001;
    private static final int SEATS = 0x1002;
    private static final int LIGHTS = 0x1005;
    private static final int INFOTAINMENT = 0x1007;
    private static final int SET_ZONE_TEMPERATURE = 0x0010;
    private static final int STORE_PRESET = 0x0011;
    private static final int APPLY_SCENE = 0x0010;
    private static final int SET_SOURCE = 0x0004;

    private static SomeIpNode ecuNode;
    private static List<AutoCloseable> ecus;

    @BeforeAll
    static void start() {
        int sdPort = TestPorts.sdPort(2);
        ecuNode = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1").withSd(sdPort, SdTimings.fast()));
        ecus = CatalogEcus.offerAll(ecuNode);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable ecu : ecus) {
            ecu.close();
        }
        ecuNode.close();
    }

    /** 32 bytes of fixed-length UTF-8 scene name: BOM, the text, zero padding. */
    private static String fixedUtf8(String hexText) {
        String body = "EFBBBF" + hexText.replace(" ", "");
        return body + "00".repeat(32 - body.length() / 2);
    }

    static List<Arguments> malformed() {
        String longName = "4100".repeat(70); // 70 UTF-16LE 'A': 140 bytes + BOM + terminator > max_length 64
        return List.of(
                // SetZoneTemperatureRequest: zone (UINT8) + celsius (FLOAT32); the float is cut short.
                Arguments.of("short", HVAC, SET_ZONE_TEMPERATURE, "01 41B8"),
                // StorePresetRequest: slot, then a UTF-16LE string whose 8-bit length says 0x20, 6 bytes follow.
                Arguments.of("length past the end", SEATS, STORE_PRESET, "02 20 FFFE 4100 0000"),
                // The name is deployed UTF-16LE (BOM FF FE); this one carries the big-endian BOM.
                Arguments.of("bad BOM", SEATS, STORE_PRESET, "02 06 FEFF 0041 0000"),
                // AmbientScene.name: fixed 32-byte UTF-8; C3 28 is no UTF-8 sequence.
                Arguments.of("invalid UTF-8", LIGHTS, APPLY_SCENE, fixedUtf8("C328")),
                // MediaSource: kind FM, union length 0x0002, type 0x09 (members are 2..5), two bytes.
                Arguments.of("unknown union selector", INFOTAINMENT, SET_SOURCE, "01 0002 09 0000"),
                // No catalog request carries a bounded dynamic array; the bounded string is the over-long member.
                Arguments.of("over-long string", SEATS, STORE_PRESET,
                        "02 " + String.format("%02X", 4 + longName.length() / 2) + " FFFE " + longName + " 0000"));
    }

    @ParameterizedTest(name = "{0} over {4}")
    @MethodSource("cases")
    void malformedPayloadIsAnsweredWithMalformedMessage(String what, int service, int method, String hex,
                                                        String transport) throws Exception {
        boolean tcp = transport.equals("TCP");
        EndpointOptions options = EndpointOptions.defaults();
        try (SomeIpClient client = tcp
                ? SomeIpClient.tcp(ecuNode.runtime(), ecuNode.server().tcpAddress(), 0x0077, options)
                : SomeIpClient.udp(ecuNode.runtime(), ecuNode.server().udpAddress(), 0x0077, options)) {
            // The client turns an ERROR answer into a SomeIpErrorException carrying its return code.
            Throwable failure = catchThrowable(() -> call(client, service, method, hex));
            assertThat(failure).as(what).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SomeIpErrorException.class);
            assertThat(((SomeIpErrorException) failure.getCause()).returnCode()).as(what)
                    .isEqualTo(ReturnCode.E_MALFORMED_MESSAGE.value()).isEqualTo(0x09);

            // The skeleton keeps serving: a valid zone temperature (row 1 passenger, 22.5 °C) and a preset store.
            SomeIpMessage ok = call(client, HVAC, SET_ZONE_TEMPERATURE, "02 41B40000");
            try {
                assertThat(ok.messageType()).isEqualTo(MessageType.RESPONSE);
                assertThat(ok.returnCode()).isZero();
                assertThat(SomeIpSerializer.shared().deserialize(ok.payload(), SetZoneTemperatureResponse
                        .getDefaultInstance()).getSetpoints().getRow1Passenger()).isEqualTo(22.5f);
            } finally {
                ok.release();
            }
            SomeIpMessage stored = call(client, SEATS, STORE_PRESET, "03 08 FFFE 4F00 4B00 0000"); // "OK"
            try {
                assertThat(stored.returnCode()).isZero();
                assertThat(SomeIpSerializer.shared().deserialize(stored.payload(), SeatMemoryPresets
                        .getDefaultInstance()).getPresetsList()).anyMatch(p -> p.getSlot() == 3
                        && p.getName().equals("OK"));
            } finally {
                stored.release();
            }
        }
    }

    static List<Arguments> cases() {
        return malformed().stream().flatMap(a -> List.of("UDP", "TCP").stream().map(t -> {
            Object[] base = a.get();
            return Arguments.of(base[0], base[1], base[2], base[3], t);
        })).toList();
    }

    private static SomeIpMessage call(SomeIpClient client, int service, int method, String hex) throws Exception {
        SomeIpMessage request = SomeIpMessage.builder(service, method, MessageType.REQUEST).interfaceVersion(1)
                .payload(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", "")))).build();
        return client.request(request).get(5, TimeUnit.SECONDS);
    }
}
