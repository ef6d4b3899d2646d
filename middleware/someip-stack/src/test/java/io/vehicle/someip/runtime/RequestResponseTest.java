package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.someip.wire.SomeIpMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request/response, fire and forget and error answers over real UDP and TCP sockets on loopback. */
class RequestResponseTest {

    static final int SERVICE = 0x1234;
    static final int ECHO = 0x0001;
    static final int FAIL = 0x0002;
    static final int FORGET = 0x0003;
    static final int SLOW = 0x0004;

    static SomeIpRuntime runtime;
    static SomeIpServer server;
    static final CountDownLatch forgotten = new CountDownLatch(1);
    static final List<CompletableFuture<ByteBuf>> slowAnswers = new ArrayList<>();

    @BeforeAll
    static void start() {
        runtime = new SomeIpRuntime(2);
        server = SomeIpServer.start(runtime, "127.0.0.1", 0, 0, EndpointOptions.defaults());
        server.register(ServiceDefinition.builder(SERVICE, 1, 3)
                .method(ECHO, request -> CompletableFuture.completedFuture(request.payload().retainedDuplicate()))
                .method(FAIL, request -> CompletableFuture.failedFuture(
                        new SomeIpErrorException(0x21, "service-specific refusal")))
                .fireAndForget(FORGET, request -> {
                    forgotten.countDown();
                    return CompletableFuture.completedFuture(null);
                })
                .method(SLOW, request -> {
                    CompletableFuture<ByteBuf> later = new CompletableFuture<>();
                    synchronized (slowAnswers) {
                        slowAnswers.add(later);
                    }
                    return later;
                })
                .build());
    }

    @AfterAll
    static void stop() {
        synchronized (slowAnswers) {
            slowAnswers.forEach(f -> f.complete(Unpooled.EMPTY_BUFFER));
        }
        server.close();
        runtime.close();
    }

    static SomeIpClient client(boolean tcp) {
        return tcp ? SomeIpClient.tcp(runtime, server.tcpAddress(), 0x0042, EndpointOptions.defaults())
                : SomeIpClient.udp(runtime, server.udpAddress(), 0x0042, EndpointOptions.defaults());
    }

    static SomeIpMessage request(int method, int interfaceVersion, String payload) {
        return SomeIpMessage.builder(SERVICE, method, MessageType.REQUEST).interfaceVersion(interfaceVersion)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("feat_req_someip_329, feat_req_someip_338: a response carries the request's ids and the payload")
    void echoes(boolean tcp) throws Exception {
        try (SomeIpClient client = client(tcp)) {
            SomeIpMessage response = client.request(request(ECHO, 3, "hello")).get(5, TimeUnit.SECONDS);
            try {
                assertThat(response.messageType()).isEqualTo(MessageType.RESPONSE);
                assertThat(response.serviceId()).isEqualTo(SERVICE);
                assertThat(response.methodId()).isEqualTo(ECHO);
                assertThat(response.clientId()).isEqualTo(0x0042);
                assertThat(response.sessionId()).isEqualTo(1);
                assertThat(response.interfaceVersion()).isEqualTo(3);
                assertThat(response.returnCode()).isEqualTo(0);
                assertThat(response.payload().toString(StandardCharsets.UTF_8)).isEqualTo("hello");
            } finally {
                response.release();
            }
        }
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("feat_req_someiptp_788, feat_req_someiptp_789: a 60 KB call crosses UDP as SOME/IP-TP segments, TCP whole")
    void largeMessages(boolean tcp) throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 60_000; i++) {
            big.append("segment-").append(i).append(';');
        }
        try (SomeIpClient client = client(tcp)) {
            SomeIpMessage response = client.request(request(ECHO, 3, big.toString())).get(5, TimeUnit.SECONDS);
            try {
                assertThat(response.messageType()).isEqualTo(MessageType.RESPONSE);
                assertThat(response.payload().toString(StandardCharsets.UTF_8)).isEqualTo(big.toString());
            } finally {
                response.release();
            }
        }
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("many requests outstanding at once are each matched to their own response")
    void manyOutstanding(boolean tcp) throws Exception {
        try (SomeIpClient client = client(tcp)) {
            List<CompletableFuture<SomeIpMessage>> answers = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                answers.add(client.request(request(ECHO, 3, "n" + i)));
            }
            for (int i = 0; i < answers.size(); i++) {
                SomeIpMessage response = answers.get(i).get(10, TimeUnit.SECONDS);
                try {
                    assertThat(response.payload().toString(StandardCharsets.UTF_8)).isEqualTo("n" + i);
                    assertThat(response.sessionId()).isEqualTo(i + 1);
                } finally {
                    response.release();
                }
            }
            assertThat(client.outstanding()).isZero();
        }
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("feat_req_someip_106, feat_req_someip_371: errors come back as ERROR with the return code")
    void errors(boolean tcp) throws Exception {
        try (SomeIpClient client = client(tcp)) {
            assertReturnCode(client.request(request(FAIL, 3, "")), 0x21);
            assertReturnCode(client.request(request(0x0777, 3, "")), ReturnCode.E_UNKNOWN_METHOD.value());
            assertReturnCode(client.request(request(ECHO, 9, "")), ReturnCode.E_WRONG_INTERFACE_VERSION.value());
            assertReturnCode(client.request(SomeIpMessage.builder(0x4321, ECHO, MessageType.REQUEST)
                    .interfaceVersion(3).build()), ReturnCode.E_UNKNOWN_SERVICE.value());
            assertReturnCode(client.request(SomeIpMessage.builder(SERVICE, FORGET, MessageType.REQUEST)
                    .interfaceVersion(3).build()), ReturnCode.E_WRONG_MESSAGE_TYPE.value());
            assertReturnCode(client.request(SomeIpMessage.builder(SERVICE, ECHO, MessageType.REQUEST)
                    .interfaceVersion(3).protocolVersion(2).build()), ReturnCode.E_WRONG_PROTOCOL_VERSION.value());
        }
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("feat_req_someip_345, feat_req_someip_654: fire and forget reaches the handler, no answer")
    void fireAndForget(boolean tcp) throws Exception {
        long before = server.dispatcher().errorsAnswered();
        try (SomeIpClient client = client(tcp)) {
            client.send(SomeIpMessage.builder(SERVICE, FORGET, MessageType.REQUEST_NO_RETURN).interfaceVersion(3)
                    .build()).sync();
            // A fire-and-forget call to an unknown method must not be answered either.
            client.send(SomeIpMessage.builder(SERVICE, 0x0666, MessageType.REQUEST_NO_RETURN).interfaceVersion(3)
                    .build()).sync();
            assertThat(forgotten.await(5, TimeUnit.SECONDS)).isTrue();
            // The echo after both proves they were processed (same connection/socket, in order).
            client.request(request(ECHO, 3, "after")).get(5, TimeUnit.SECONDS).release();
        }
        assertThat(server.dispatcher().errorsAnswered()).isEqualTo(before);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("a request without answer times out; closing fails what is still pending")
    void timeoutAndClose(boolean tcp) throws Exception {
        SomeIpClient client = client(tcp);
        CompletableFuture<SomeIpMessage> timesOut = client.request(request(SLOW, 3, ""), 50);
        assertThatThrownBy(() -> timesOut.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RequestTimeoutException.class);
        CompletableFuture<SomeIpMessage> pendingAtClose = client.request(request(SLOW, 3, ""), 60_000);
        client.close();
        assertThatThrownBy(() -> pendingAtClose.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(EndpointClosedException.class);
        CompletableFuture<SomeIpMessage> afterClose = client.request(request(ECHO, 3, ""));
        assertThatThrownBy(() -> afterClose.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(EndpointClosedException.class);
    }

    static void assertReturnCode(CompletableFuture<SomeIpMessage> answer, int code) {
        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(SomeIpErrorException.class,
                        e -> assertThat(e.returnCode()).isEqualTo(code));
    }
}
