package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RequestDispatcher without any network: the order of its checks and the answers it gives. */
class RequestDispatcherTest {

    static final int SERVICE = 0x1234;
    static final int MAJOR = 2;
    static final int ECHO = 0x0001;
    static final int FORGET = 0x0002;
    static final int THROWS = 0x0003;
    static final int MALFORMED = 0x0004;
    static final int MALFORMED_LATER = 0x0005;
    static final int REFUSES = 0x0006;
    static final int FAILS_LATER = 0x0007;

    final List<SomeIpMessage> replies = new ArrayList<>();
    final AtomicInteger handled = new AtomicInteger();
    RequestDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        dispatcher = new RequestDispatcher(true);
        dispatcher.register(service(SERVICE));
    }

    ServiceDefinition service(int id) {
        return ServiceDefinition.builder(id, 1, MAJOR)
                .method(ECHO, r -> {
                    handled.incrementAndGet();
                    return CompletableFuture.completedFuture(Unpooled.copiedBuffer(r.payload()));
                })
                .fireAndForget(FORGET, r -> {
                    handled.incrementAndGet();
                    throw new IllegalStateException("fire and forget failure");
                })
                .method(THROWS, r -> {
                    throw new IllegalStateException("handler bug");
                })
                .method(MALFORMED, r -> {
                    throw new MalformedPayloadException("truncated struct");
                })
                .method(MALFORMED_LATER, r -> CompletableFuture.failedFuture(new MalformedPayloadException("bad")))
                .method(REFUSES, r -> CompletableFuture.failedFuture(new SomeIpErrorException(0x21, "refused")))
                .method(FAILS_LATER, r -> CompletableFuture.failedFuture(new IllegalStateException("async bug")))
                .build();
    }

    @AfterEach
    void releaseReplies() {
        replies.forEach(SomeIpMessage::release);
    }

    static SomeIpMessage.Builder message(int service, int method, MessageType type) {
        return SomeIpMessage.builder(service, method, type).clientId(0x0042).sessionId(0x0815).interfaceVersion(MAJOR)
                .payload(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
    }

    /** Dispatches and returns the single answer's return code, or -1 when nothing was answered. */
    int dispatch(SomeIpMessage request) {
        int before = replies.size();
        dispatcher.dispatch(request, replies::add);
        assertThat(request.refCnt()).as("the dispatcher releases the request").isZero();
        assertThat(replies.size() - before).isLessThanOrEqualTo(1);
        return replies.size() == before ? -1 : replies.get(replies.size() - 1).returnCode();
    }

    @Test
    @DisplayName("feat_req_someip_721/718: wrong protocol version is checked before the service id")
    void protocolVersionBeforeService() {
        assertThat(dispatch(message(0x9999, ECHO, MessageType.REQUEST).protocolVersion(2).build()))
                .isEqualTo(ReturnCode.E_WRONG_PROTOCOL_VERSION.value());
    }

    @Test
    @DisplayName("feat_req_someip_721/718/816: unknown service is checked before the interface version")
    void serviceBeforeInterfaceVersion() {
        assertThat(dispatch(message(0x9999, 0x7777, MessageType.REQUEST).interfaceVersion(MAJOR + 1).build()))
                .isEqualTo(ReturnCode.E_UNKNOWN_SERVICE.value());
    }

    @Test
    @DisplayName("feat_req_someip_721/718/92: wrong interface version is checked before the method id")
    void interfaceVersionBeforeMethod() {
        assertThat(dispatch(message(SERVICE, 0x7777, MessageType.REQUEST).interfaceVersion(MAJOR + 1).build()))
                .isEqualTo(ReturnCode.E_WRONG_INTERFACE_VERSION.value());
    }

    @Test
    @DisplayName("feat_req_someip_721/718/816: unknown method is checked before the message type")
    void methodBeforeMessageType() {
        assertThat(dispatch(message(SERVICE, 0x7777, MessageType.REQUEST).build()))
                .isEqualTo(ReturnCode.E_UNKNOWN_METHOD.value());
    }

    @Test
    @DisplayName("feat_req_someip_721/718/141: a REQUEST to a fire-and-forget method is E_WRONG_MESSAGE_TYPE")
    void wrongMessageType() {
        assertThat(dispatch(message(SERVICE, FORGET, MessageType.REQUEST).build()))
                .isEqualTo(ReturnCode.E_WRONG_MESSAGE_TYPE.value());
        assertThat(handled).hasValue(0);
    }

    @Test
    @DisplayName("feat_req_someip_816/598: with unknown-id answers switched off, unknown service and method stay silent")
    void unknownIdAnswersAreOptional() {
        dispatcher = new RequestDispatcher(false);
        dispatcher.register(service(SERVICE));
        assertThat(dispatch(message(0x9999, ECHO, MessageType.REQUEST).build())).isEqualTo(-1);
        assertThat(dispatch(message(SERVICE, 0x7777, MessageType.REQUEST).build())).isEqualTo(-1);
        assertThat(dispatcher.silentlyDropped()).isEqualTo(2);
        assertThat(dispatch(message(SERVICE, ECHO, MessageType.REQUEST).interfaceVersion(9).build()))
                .isEqualTo(ReturnCode.E_WRONG_INTERFACE_VERSION.value());
    }

    @Test
    @DisplayName("feat_req_someip_654/348: no error is ever answered to REQUEST_NO_RETURN")
    void noErrorForFireAndForget() {
        assertThat(dispatch(message(SERVICE, FORGET, MessageType.REQUEST_NO_RETURN).protocolVersion(2).build()))
                .isEqualTo(-1);
        assertThat(dispatch(message(0x9999, FORGET, MessageType.REQUEST_NO_RETURN).build())).isEqualTo(-1);
        assertThat(dispatch(message(SERVICE, FORGET, MessageType.REQUEST_NO_RETURN).interfaceVersion(9).build()))
                .isEqualTo(-1);
        assertThat(dispatch(message(SERVICE, 0x7777, MessageType.REQUEST_NO_RETURN).build())).isEqualTo(-1);
        assertThat(dispatch(message(SERVICE, ECHO, MessageType.REQUEST_NO_RETURN).build()))
                .as("wrong message type").isEqualTo(-1);
        assertThat(dispatch(message(SERVICE, FORGET, MessageType.REQUEST_NO_RETURN).build()))
                .as("handler failure").isEqualTo(-1);
        assertThat(handled).hasValue(1);
        assertThat(dispatcher.errorsAnswered()).isZero();
    }

    @Test
    @DisplayName("feat_req_someip_597/655: no error is ever answered to notifications, responses or errors")
    void noErrorForNotificationsOrAnswers() {
        for (MessageType type : new MessageType[] {MessageType.NOTIFICATION, MessageType.RESPONSE, MessageType.ERROR,
                MessageType.TP_NOTIFICATION}) {
            assertThat(dispatch(message(0x9999, 0x8001, type).protocolVersion(7).build())).as("%s", type).isEqualTo(-1);
        }
        assertThat(dispatcher.silentlyDropped()).isEqualTo(4);
    }

    @Test
    @DisplayName("feat_req_someip_704: no error is answered to a request that already carries an error")
    void noErrorToErrorCarryingMessage() {
        assertThat(dispatch(message(0x9999, ECHO, MessageType.REQUEST).returnCode(ReturnCode.E_NOT_OK).build()))
                .isEqualTo(-1);
        assertThat(dispatch(message(SERVICE, ECHO, MessageType.REQUEST).protocolVersion(2).returnCode(0x21).build()))
                .isEqualTo(-1);
        assertThat(dispatcher.errorsAnswered()).isZero();
    }

    @Test
    @DisplayName("feat_req_someip_655/703/49: an error copies message id, request id and interface version, "
            + "writes our protocol version, and carries no payload")
    void errorCopiesHeaderFields() {
        dispatch(message(SERVICE, ECHO, MessageType.REQUEST).protocolVersion(0x02).interfaceVersion(MAJOR).build());
        SomeIpMessage error = replies.get(0);
        assertThat(error.messageType()).isEqualTo(MessageType.ERROR);
        assertThat(error.returnCode()).isEqualTo(ReturnCode.E_WRONG_PROTOCOL_VERSION.value());
        assertThat(error.messageId()).isEqualTo(SERVICE << 16 | ECHO);
        assertThat(error.requestId()).isEqualTo(0x0042_0815);
        assertThat(error.interfaceVersion()).isEqualTo(MAJOR);
        assertThat(error.protocolVersion()).isEqualTo(SomeIpMessage.PROTOCOL_VERSION);
        assertThat(error.payload().readableBytes()).isZero();

        dispatch(message(SERVICE, ECHO, MessageType.REQUEST).interfaceVersion(0x07).build());
        SomeIpMessage wrongInterface = replies.get(1);
        assertThat(wrongInterface.interfaceVersion()).as("copied from the request, not ours").isEqualTo(0x07);
        assertThat(wrongInterface.requestId()).isEqualTo(0x0042_0815);
    }

    @Test
    @DisplayName("feat_req_someip_141/338: a handled REQUEST is answered by a RESPONSE with E_OK, the ids and the payload")
    void successfulResponse() {
        assertThat(dispatch(message(SERVICE, ECHO, MessageType.REQUEST).build())).isEqualTo(0);
        SomeIpMessage response = replies.get(0);
        assertThat(response.messageType()).isEqualTo(MessageType.RESPONSE);
        assertThat(response.messageId()).isEqualTo(SERVICE << 16 | ECHO);
        assertThat(response.requestId()).isEqualTo(0x0042_0815);
        assertThat(response.interfaceVersion()).isEqualTo(MAJOR);
        assertThat(response.protocolVersion()).isEqualTo(1);
        assertThat(response.length()).isEqualTo(8 + 3);
        assertThat(ByteBufUtil.hexDump(response.payload())).isEqualTo("010203");
    }

    @Test
    @DisplayName("feat_req_someip_371: a handler that throws, or fails its future, is answered E_NOT_OK")
    void handlerExceptionIsNotOk() {
        assertThat(dispatch(message(SERVICE, THROWS, MessageType.REQUEST).build()))
                .isEqualTo(ReturnCode.E_NOT_OK.value());
        assertThat(dispatch(message(SERVICE, FAILS_LATER, MessageType.REQUEST).build()))
                .isEqualTo(ReturnCode.E_NOT_OK.value());
        assertThat(replies).allSatisfy(r -> {
            assertThat(r.messageType()).isEqualTo(MessageType.ERROR);
            assertThat(r.requestId()).isEqualTo(0x0042_0815);
        });
    }

    @Test
    @DisplayName("feat_req_someip_371: a MalformedPayloadException, thrown or as failed future, is answered E_MALFORMED_MESSAGE")
    void malformedPayload() {
        assertThat(dispatch(message(SERVICE, MALFORMED, MessageType.REQUEST).build()))
                .isEqualTo(ReturnCode.E_MALFORMED_MESSAGE.value());
        assertThat(dispatch(message(SERVICE, MALFORMED_LATER, MessageType.REQUEST).build()))
                .isEqualTo(ReturnCode.E_MALFORMED_MESSAGE.value());
    }

    @Test
    @DisplayName("feat_req_someip_106/367: a service-specific code from the handler is answered in an ERROR")
    void serviceSpecificCode() {
        assertThat(dispatch(message(SERVICE, REFUSES, MessageType.REQUEST).build())).isEqualTo(0x21);
        assertThat(replies.get(0).messageType()).isEqualTo(MessageType.ERROR);
        assertThat(dispatcher.errorsAnswered()).isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someip_445/967: one instance of a service per endpoint")
    void oneInstancePerEndpoint() {
        assertThatThrownBy(() -> dispatcher.register(service(SERVICE))).isInstanceOf(IllegalArgumentException.class);
        assertThat(dispatcher.serves(SERVICE)).isTrue();
    }

    @Test
    @DisplayName("feat_req_someip_627/67: service id 0xFFFF and event ids cannot be served as methods")
    void reservedIdsRefused() {
        assertThatThrownBy(() -> ServiceDefinition.builder(0xFFFF, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceDefinition.builder(1, 1, 1).method(0x8001, r -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("feat_req_someip_338: an answer that completes later still carries the request's ids")
    void deferredAnswer() {
        CompletableFuture<ByteBuf> later = new CompletableFuture<>();
        dispatcher.register(ServiceDefinition.builder(0x0100, 1, 1).method(1, r -> later).build());
        dispatcher.dispatch(SomeIpMessage.builder(0x0100, 1, MessageType.REQUEST).clientId(5).sessionId(6)
                .interfaceVersion(1).build(), replies::add);
        assertThat(replies).isEmpty();
        later.complete(Unpooled.wrappedBuffer(new byte[] {4}));
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.requestId()).isEqualTo(5 << 16 | 6);
            assertThat(r.returnCode()).isZero();
        });
    }
}
