package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.DisplayName;

/**
 * A SOME/IP-TP segment carries a piece of a message behind a TP header; only the reassembled
 * whole may reach a method. Found by the flood test: TP-flagged messages used to be dispatched to
 * fire-and-forget handlers, TP header and all, and a TP_REQUEST (which expects an answer) too.
 */
class RequestDispatcherTpSegmentTest {

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"TP_REQUEST", "TP_REQUEST_NO_RETURN"})
    @DisplayName("feat_req_someiptp_764, feat_req_someiptp_781: a stray TP segment reaches no handler and is "
            + "not answered")
    void segmentsReachNoHandler(MessageType type) {
        AtomicInteger calls = new AtomicInteger();
        RequestDispatcher dispatcher = new RequestDispatcher(true);
        dispatcher.register(ServiceDefinition.builder(0x3333, 1, 1)
                .method(0x0001, request -> {
                    calls.incrementAndGet();
                    return CompletableFuture.completedFuture(Unpooled.EMPTY_BUFFER);
                })
                .fireAndForget(0x0002, request -> {
                    calls.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                })
                .build());
        List<SomeIpMessage> replies = new ArrayList<>();
        for (int method : new int[] {0x0001, 0x0002}) {
            SomeIpMessage segment = SomeIpMessage.builder(0x3333, method, type).interfaceVersion(1)
                    .payload(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 42})).build();
            dispatcher.dispatch(segment, replies::add);
            assertThat(segment.refCnt()).as("the dispatcher released the segment").isZero();
        }
        replies.forEach(SomeIpMessage::release);
        assertThat(calls.get()).as("handler calls").isZero();
        assertThat(replies).as("answers").isEmpty();
        assertThat(dispatcher.silentlyDropped()).isEqualTo(2);
    }
}
