package io.vehicle.someip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.someip.interop.ScapyMessages.Parsed;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.ServiceDefinition;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.runtime.SomeIpServer;
import io.vehicle.someip.wire.MagicCookie;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.ToolProcess;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * scapy (an independent SOME/IP implementation) as the client of our server: requests built by
 * scapy over real UDP and TCP sockets, answers parsed by scapy and checked here field by field.
 * The script runs all cases once; each test method checks one of them.
 */
class ScapyClientToJavaServerTest {

    static final int SERVICE = 0x1234;
    static final int IFACE = 3;
    static final int ECHO = 0x0001;
    static final int SCAPY_CLIENT = 0x0077;

    static SomeIpRuntime runtime;
    static SomeIpServer server;
    static JsonNode result;
    static final AtomicInteger echoCalls = new AtomicInteger();

    @BeforeAll
    static void runScapyAgainstServer() throws Exception {
        ExternalTools.requireScapy();
        runtime = new SomeIpRuntime(2);
        server = SomeIpServer.start(runtime, "127.0.0.1", 0, 0, EndpointOptions.defaults());
        server.register(ServiceDefinition.builder(SERVICE, 1, IFACE)
                .method(ECHO, request -> {
                    echoCalls.incrementAndGet();
                    return CompletableFuture.completedFuture(request.payload().retainedDuplicate());
                })
                .build());
        try (ToolProcess scapy = ToolProcess.start(List.of(ExternalTools.PYTHON, "scapy_client.py", "127.0.0.1",
                String.valueOf(server.udpAddress().getPort()), String.valueOf(server.tcpAddress().getPort()),
                String.valueOf(SERVICE), String.valueOf(IFACE), String.valueOf(ECHO)), ExternalTools.PYTHON_SCRIPTS)) {
            String line = scapy.nextLine(60);
            assertThat(scapy.awaitExit(30)).as(scapy.transcript()).isZero();
            result = ScapyMessages.parse(line);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    static Parsed onlyAnswer(String udpCase) {
        List<Parsed> messages = ScapyMessages.list(result.get("udp").get(udpCase).get("messages"));
        assertThat(messages).as(udpCase).hasSize(1);
        return messages.get(0);
    }

    @Test
    @DisplayName("feat_req_someip_45, feat_req_someip_329, feat_req_someip_338, feat_req_someip_49: scapy's UDP "
            + "request is answered to its port with the same ids, RESPONSE, E_OK and the payload")
    void udpEcho() {
        Parsed answer = onlyAnswer("echo");
        assertThat(answer.service()).isEqualTo(SERVICE);
        assertThat(answer.method()).isEqualTo(ECHO);
        assertThat(answer.client()).isEqualTo(SCAPY_CLIENT);
        assertThat(answer.session()).isEqualTo(1);
        assertThat(answer.proto()).isEqualTo(1);
        assertThat(answer.iface()).isEqualTo(IFACE);
        assertThat(answer.type()).isEqualTo(0x80);
        assertThat(answer.returnCode()).isEqualTo(ReturnCode.E_OK.value());
        assertThat(answer.payloadText()).isEqualTo("hello scapy");
        assertThat(answer.length()).as("feat_req_someip_77").isEqualTo(8 + "hello scapy".length());
    }

    @Test
    @DisplayName("feat_req_someip_90, feat_req_someip_721, feat_req_someip_371: a wrong protocol version is "
            + "answered with ERROR E_WRONG_PROTOCOL_VERSION (0x07)")
    void wrongProtocolVersion() {
        assertError(onlyAnswer("wrong_protocol"), SERVICE, ECHO, 2, IFACE, 0x07);
    }

    @Test
    @DisplayName("feat_req_someip_816, feat_req_someip_371: an unknown method is answered with E_UNKNOWN_METHOD")
    void unknownMethod() {
        assertError(onlyAnswer("unknown_method"), SERVICE, 0x0777, 3, IFACE, 0x03);
    }

    @Test
    @DisplayName("feat_req_someip_816, feat_req_someip_371: an unknown service is answered with E_UNKNOWN_SERVICE")
    void unknownService() {
        assertError(onlyAnswer("unknown_service"), 0x4321, ECHO, 4, IFACE, 0x02);
    }

    @Test
    @DisplayName("feat_req_someip_92, feat_req_someip_721: a wrong interface version is answered with "
            + "E_WRONG_INTERFACE_VERSION, echoing the interface version received")
    void wrongInterfaceVersion() {
        assertError(onlyAnswer("wrong_interface"), SERVICE, ECHO, 5, IFACE + 6, 0x08);
    }

    @Test
    @DisplayName("feat_req_someip_654, feat_req_someip_655: a REQUEST_NO_RETURN to an unknown method gets no "
            + "answer; the echo sent after it is the only message back")
    void noAnswerForFireAndForgetToUnknownMethod() {
        List<Parsed> messages = ScapyMessages.list(result.get("udp").get("no_return_unknown_method").get("messages"));
        assertThat(messages).extracting(Parsed::session).containsExactly(21);
        assertThat(messages.get(0).type()).isEqualTo(0x80);
        assertThat(messages.get(0).payloadText()).isEqualTo("after");
    }

    @Test
    @DisplayName("feat_req_someip_584: three requests in one UDP datagram from scapy are each answered")
    void severalMessagesInOneDatagram() {
        List<Parsed> messages = ScapyMessages.list(result.get("udp").get("batch").get("messages"));
        assertThat(messages).extracting(Parsed::session).containsExactlyInAnyOrder(30, 31, 32);
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(0x80);
            assertThat(m.returnCode()).isZero();
            assertThat(m.client()).isEqualTo(SCAPY_CLIENT);
        });
        assertThat(messages).extracting(Parsed::payloadText).containsExactlyInAnyOrder("a", "bb", "ccc");
    }

    @Test
    @DisplayName("feat_req_someip_585, feat_req_someip_325, feat_req_someip_586, feat_req_someip_591, "
            + "feat_req_someip_609, feat_req_someip_589: over TCP, cookies are skipped, two messages in one "
            + "segment and one split across sends are answered, and scapy parses our server's Magic Cookie")
    void tcpStream() {
        JsonNode tcp = result.get("tcp");
        assertThat(tcp.get("trailing").asText()).as("bytes left over after the last whole message").isEmpty();
        List<Parsed> messages = ScapyMessages.list(tcp.get("messages"));
        assertThat(messages).as("a server cookie, then five answers").hasSize(6);

        Parsed cookie = messages.get(0);
        assertThat(cookie.service() << 16 | cookie.method()).isEqualTo(MagicCookie.SERVER_MESSAGE_ID);
        assertThat(cookie.length()).isEqualTo(8);
        assertThat(cookie.client() << 16 | cookie.session()).isEqualTo(0xDEADBEEF);
        assertThat(cookie.proto()).isEqualTo(1);
        assertThat(cookie.iface()).isEqualTo(1);
        assertThat(cookie.type()).isEqualTo(0x02);
        assertThat(cookie.returnCode()).isZero();
        assertThat(cookie.payload()).isEmpty();

        List<Parsed> answers = messages.subList(1, 6);
        assertThat(answers).extracting(Parsed::session).containsExactly(1, 2, 3, 4, 5);
        assertThat(answers).extracting(Parsed::client).containsOnly(SCAPY_CLIENT);
        assertThat(answers.subList(0, 4)).extracting(Parsed::payloadText)
                .containsExactly("first", "two", "three", "split across two sends, forty bytes long");
        assertThat(answers.subList(0, 4)).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(0x80);
            assertThat(m.returnCode()).isZero();
            assertThat(m.length()).isEqualTo(8 + m.payload().length);
        });
        assertError(answers.get(4), SERVICE, 0x0777, 5, IFACE, 0x03);
    }

    @Test
    @DisplayName("feat_req_someip_721: only the nine well-formed requests reached the method handler")
    void handlerRanOncePerValidRequest() {
        // UDP: echo, the echo after the fire-and-forget, three in the batch; TCP: four echoes.
        assertThat(echoCalls.get()).isEqualTo(9);
    }

    static void assertError(Parsed answer, int service, int method, int session, int iface, int code) {
        assertThat(answer.service()).isEqualTo(service);
        assertThat(answer.method()).isEqualTo(method);
        assertThat(answer.client()).isEqualTo(SCAPY_CLIENT);
        assertThat(answer.session()).isEqualTo(session);
        assertThat(answer.proto()).as("feat_req_someip_90: we always answer with our version").isEqualTo(1);
        assertThat(answer.iface()).isEqualTo(iface);
        assertThat(answer.type()).as("ERROR").isEqualTo(0x81);
        assertThat(answer.returnCode()).isEqualTo(code);
        assertThat(answer.length()).isEqualTo(8);
        assertThat(answer.payload()).isEmpty();
    }
}
