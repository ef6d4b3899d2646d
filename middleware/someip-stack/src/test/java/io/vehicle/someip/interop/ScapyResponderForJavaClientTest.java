package io.vehicle.someip.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.interop.ScapyMessages.Parsed;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.wire.MagicCookie;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.ToolProcess;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our client against a SOME/IP server that scapy implements (scapy_responder.py): requests we
 * build are parsed by scapy, answers that scapy builds are parsed by us.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScapyResponderForJavaClientTest {

    static final int SERVICE = 0x5678;
    static final int IFACE = 2;
    static final int ECHO = 0x0010;
    static final int REFUSE = 0x0011;
    static final int REFUSAL_CODE = 0x25; // service specific, feat_req_someip_371
    static final int CLIENT_ID = 0x0099;

    static SomeIpRuntime runtime;
    static ToolProcess scapy;
    static InetSocketAddress udp;
    static InetSocketAddress tcp;

    @BeforeAll
    static void startResponder() throws Exception {
        ExternalTools.requireScapy();
        runtime = new SomeIpRuntime(2);
        scapy = ToolProcess.start(List.of(ExternalTools.PYTHON, "scapy_responder.py", String.valueOf(SERVICE),
                String.valueOf(IFACE), String.valueOf(ECHO), String.valueOf(REFUSE), String.valueOf(REFUSAL_CODE)),
                ExternalTools.PYTHON_SCRIPTS);
        JsonNode ports = ScapyMessages.parse(scapy.nextLine(60));
        udp = new InetSocketAddress("127.0.0.1", ports.get("udp").asInt());
        tcp = new InetSocketAddress("127.0.0.1", ports.get("tcp").asInt());
    }

    @AfterAll
    static void stop() throws Exception {
        if (scapy != null) {
            scapy.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    static SomeIpClient client(boolean overTcp) {
        return overTcp ? SomeIpClient.tcp(runtime, tcp, CLIENT_ID, EndpointOptions.defaults())
                : SomeIpClient.udp(runtime, udp, CLIENT_ID, EndpointOptions.defaults());
    }

    static SomeIpMessage request(int method, String payload) {
        return SomeIpMessage.builder(SERVICE, method, MessageType.REQUEST).interfaceVersion(IFACE)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("feat_req_someip_329, feat_req_someip_338, feat_req_someip_45: our client reads the RESPONSE "
            + "that scapy builds, matched by request id")
    void responseFromScapy(boolean overTcp) throws Exception {
        try (SomeIpClient client = client(overTcp)) {
            for (int i = 0; i < 3; i++) {
                SomeIpMessage response = client.request(request(ECHO, "ping" + i)).get(10, TimeUnit.SECONDS);
                try {
                    assertThat(response.serviceId()).isEqualTo(SERVICE);
                    assertThat(response.methodId()).isEqualTo(ECHO);
                    assertThat(response.clientId()).isEqualTo(CLIENT_ID);
                    assertThat(response.sessionId()).isEqualTo(i + 1);
                    assertThat(response.protocolVersion()).isEqualTo(1);
                    assertThat(response.interfaceVersion()).isEqualTo(IFACE);
                    assertThat(response.messageType()).isEqualTo(MessageType.RESPONSE);
                    assertThat(response.returnCode()).isEqualTo(ReturnCode.E_OK.value());
                    assertThat(response.payload().toString(StandardCharsets.UTF_8)).isEqualTo("scapy:ping" + i);
                } finally {
                    response.release();
                }
            }
        }
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("feat_req_someip_106, feat_req_someip_371, feat_req_someip_816: ERROR messages that scapy "
            + "builds fail the call with their return code")
    void errorFromScapy(boolean overTcp) throws Exception {
        try (SomeIpClient client = client(overTcp)) {
            assertReturnCode(client.request(request(REFUSE, "no")), REFUSAL_CODE);
            assertReturnCode(client.request(request(0x0033, "")), ReturnCode.E_UNKNOWN_METHOD.value());
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // ends the responder: runs last
    @DisplayName("feat_req_someip_45, feat_req_someip_591, feat_req_someip_609, feat_req_someip_589: scapy parses "
            + "our requests and our client's Magic Cookie field by field")
    void scapySawOurMessages() throws Exception {
        try (SomeIpClient client = client(false)) {
            client.request(request(ECHO, "seen-udp")).get(10, TimeUnit.SECONDS).release();
        }
        try (SomeIpClient client = client(true)) {
            client.request(request(ECHO, "seen-tcp")).get(10, TimeUnit.SECONDS).release();
        }
        scapy.stdin().close();
        JsonNode seen = ScapyMessages.parse(scapy.awaitStdout(l -> l.contains("\"seen\""), 30, "the summary"))
                .get("seen");
        assertThat(scapy.awaitExit(30)).isZero();

        List<Parsed> overTcp = ScapyMessages.list(seen.get("tcp"));
        // Every TCP connection of ours starts with a client cookie (feat_req_someip_591).
        int request = indexOfPayload(overTcp, "seen-tcp");
        assertThat(request).as("scapy saw the TCP request").isPositive();
        Parsed cookie = overTcp.get(request - 1);
        assertThat(cookie.service() << 16 | cookie.method()).isEqualTo(MagicCookie.CLIENT_MESSAGE_ID);
        assertThat(cookie.length()).isEqualTo(8);
        assertThat(cookie.client() << 16 | cookie.session()).isEqualTo(0xDEADBEEF);
        assertThat(cookie.proto()).isEqualTo(1);
        assertThat(cookie.iface()).isEqualTo(1);
        assertThat(cookie.type()).isEqualTo(0x01);
        assertThat(cookie.returnCode()).isZero();

        List<Parsed> overUdp = ScapyMessages.list(seen.get("udp"));
        int index = indexOfPayload(overUdp, "seen-udp");
        assertThat(index).as("scapy saw the UDP request").isNotNegative();
        Parsed ours = overUdp.get(index);
        assertThat(ours.service()).isEqualTo(SERVICE);
        assertThat(ours.method()).isEqualTo(ECHO);
        assertThat(ours.length()).isEqualTo(8 + "seen-udp".length());
        assertThat(ours.client()).isEqualTo(CLIENT_ID);
        assertThat(ours.session()).as("first request of a new client").isEqualTo(1);
        assertThat(ours.proto()).isEqualTo(1);
        assertThat(ours.iface()).isEqualTo(IFACE);
        assertThat(ours.type()).isEqualTo(0x00);
        assertThat(ours.returnCode()).isZero();
    }

    static int indexOfPayload(List<Parsed> messages, String payload) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).payloadText().equals(payload)) {
                return i;
            }
        }
        return -1;
    }

    static void assertReturnCode(CompletableFuture<SomeIpMessage> answer, int code) {
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(SomeIpErrorException.class,
                        e -> assertThat(e.returnCode()).isEqualTo(code));
    }
}
