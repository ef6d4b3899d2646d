package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PendingRequests on the EmbeddedChannel's event loop, whose clock is frozen and advanced by hand:
 * timeouts are tested without sleeping.
 */
class PendingRequestsTest {

    EmbeddedChannel loop;
    PendingRequests pending;

    @BeforeEach
    void setUp() {
        loop = new EmbeddedChannel();
        loop.freezeTime();
        pending = new PendingRequests(loop.eventLoop());
    }

    @AfterEach
    void tearDown() {
        pending.close("test over");
        loop.finishAndReleaseAll();
    }

    static SomeIpMessage request(int method, int client, int session) {
        return SomeIpMessage.builder(0x1234, method, MessageType.REQUEST).clientId(client).sessionId(session)
                .interfaceVersion(2).build();
    }

    static SomeIpMessage answer(SomeIpMessage request, MessageType type, int code, byte... payload) {
        return request.reply(type, code, Unpooled.wrappedBuffer(payload));
    }

    static Throwable cause(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("feat_req_someip_79/83/338: a RESPONSE is matched by message id and request id")
    void matchesResponseByIds() throws Exception {
        SomeIpMessage request = request(1, 0x42, 7);
        CompletableFuture<SomeIpMessage> future = pending.register(request, 1_000);
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.complete(answer(request, MessageType.RESPONSE, 0, (byte) 9))).isTrue();
        SomeIpMessage response = future.get();
        try {
            assertThat(response.sessionId()).isEqualTo(7);
            assertThat(response.payload().getByte(0)).isEqualTo((byte) 9);
        } finally {
            response.release();
        }
        assertThat(pending.size()).isZero();
    }

    @Test
    @DisplayName("feat_req_someip_79: answers that differ in session, client or method match nothing, are dropped and released")
    void unmatchedAnswersAreDroppedAndReleased() {
        SomeIpMessage request = request(1, 0x42, 7);
        CompletableFuture<SomeIpMessage> future = pending.register(request, 1_000);
        SomeIpMessage[] strangers = {
            answer(request(1, 0x42, 8), MessageType.RESPONSE, 0, (byte) 1),
            answer(request(1, 0x43, 7), MessageType.RESPONSE, 0, (byte) 1),
            answer(request(2, 0x42, 7), MessageType.RESPONSE, 0, (byte) 1),
        };
        for (SomeIpMessage stranger : strangers) {
            assertThat(pending.complete(stranger)).isFalse();
            assertThat(stranger.refCnt()).isZero();
        }
        assertThat(future).isNotDone();
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("feat_req_someip_106/107/367: an ERROR, or a RESPONSE with a code other than E_OK, fails with that code")
    void errorAnswersFailWithTheirCode() {
        SomeIpMessage first = request(1, 0x42, 1);
        SomeIpMessage second = request(1, 0x42, 2);
        SomeIpMessage third = request(1, 0x42, 3);
        CompletableFuture<SomeIpMessage> viaError = pending.register(first, 1_000);
        CompletableFuture<SomeIpMessage> viaResponse = pending.register(second, 1_000);
        CompletableFuture<SomeIpMessage> errorWithOk = pending.register(third, 1_000);
        SomeIpMessage error = answer(first, MessageType.ERROR, ReturnCode.E_NOT_READY.value(), (byte) 1);
        SomeIpMessage response = answer(second, MessageType.RESPONSE, 0x21, (byte) 1);
        assertThat(pending.complete(error)).isTrue();
        assertThat(pending.complete(response)).isTrue();
        assertThat(pending.complete(answer(third, MessageType.ERROR, 0))).isTrue();
        assertThat(error.refCnt()).isZero();
        assertThat(response.refCnt()).isZero();
        assertThat(cause(viaError)).isInstanceOfSatisfying(SomeIpErrorException.class,
                e -> assertThat(e.code()).isEqualTo(ReturnCode.E_NOT_READY));
        assertThat(cause(viaResponse)).isInstanceOfSatisfying(SomeIpErrorException.class,
                e -> assertThat(e.returnCode()).isEqualTo(0x21));
        assertThat(cause(errorWithOk)).isInstanceOfSatisfying(SomeIpErrorException.class,
                e -> assertThat(e.code()).isEqualTo(ReturnCode.E_NOT_OK));
    }

    @Test
    @DisplayName("feat_req_someip_326: a request without answer times out; a late answer is then dropped")
    void timesOut() {
        SomeIpMessage request = request(1, 0x42, 7);
        CompletableFuture<SomeIpMessage> future = pending.register(request, 50);
        loop.advanceTimeBy(49, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
        assertThat(future).isNotDone();
        loop.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
        assertThat(cause(future)).isInstanceOf(RequestTimeoutException.class);
        assertThat(pending.size()).isZero();
        SomeIpMessage late = answer(request, MessageType.RESPONSE, 0, (byte) 1);
        assertThat(pending.complete(late)).isFalse();
        assertThat(late.refCnt()).isZero();
    }

    @Test
    @DisplayName("feat_req_someip_326: an answer in time cancels the timeout")
    void answerCancelsTimeout() throws Exception {
        SomeIpMessage request = request(1, 0x42, 7);
        CompletableFuture<SomeIpMessage> future = pending.register(request, 50);
        pending.complete(answer(request, MessageType.RESPONSE, 0));
        loop.advanceTimeBy(1, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
        SomeIpMessage response = future.get();
        response.release();
        assertThat(future).isCompletedWithValue(response);
    }

    @Test
    @DisplayName("feat_req_someip_326: closing fails every outstanding request and refuses new ones")
    void closeFailsAll() {
        CompletableFuture<SomeIpMessage> a = pending.register(request(1, 0x42, 1), 1_000);
        CompletableFuture<SomeIpMessage> b = pending.register(request(2, 0x42, 2), 1_000);
        pending.close("connection lost");
        assertThat(cause(a)).isInstanceOf(EndpointClosedException.class).hasMessageContaining("connection lost");
        assertThat(cause(b)).isInstanceOf(EndpointClosedException.class);
        assertThat(pending.size()).isZero();
        assertThat(cause(pending.register(request(3, 0x42, 3), 1_000))).isInstanceOf(EndpointClosedException.class);
    }

    @Test
    @DisplayName("feat_req_someip_326, feat_req_someip_647: losing a connection fails the requests sent on it; one "
            + "not sent yet (made while the connection closed) waits to go out on the next connection")
    void lostConnectionFailsWhatWentOutOnIt() {
        Channel lost = new EmbeddedChannel();
        Channel next = new EmbeddedChannel();
        SomeIpMessage sent = request(1, 0x42, 1);
        SomeIpMessage notYetSent = request(2, 0x42, 2);
        SomeIpMessage onTheNext = request(3, 0x42, 3);
        CompletableFuture<SomeIpMessage> a = pending.register(sent, 1_000);
        CompletableFuture<SomeIpMessage> b = pending.register(notYetSent, 1_000);
        CompletableFuture<SomeIpMessage> c = pending.register(onTheNext, 1_000);
        pending.sentOn(sent, lost);
        pending.sentOn(onTheNext, next);
        pending.failSentOn(lost, "connection lost");
        assertThat(cause(a)).isInstanceOf(EndpointClosedException.class).hasMessageContaining("connection lost");
        assertThat(b).isNotDone();
        assertThat(c).isNotDone();
        assertThat(pending.size()).isEqualTo(2);
        pending.sentOn(notYetSent, next);
        pending.failSentOn(next, "next lost too");
        assertThat(cause(b)).hasMessageContaining("next lost too");
        assertThat(cause(c)).hasMessageContaining("next lost too");
        lost.close();
        next.close();
    }

    @Test
    @DisplayName("feat_req_someip_79: two outstanding requests with the same ids are refused")
    void duplicateIdsRefused() {
        CompletableFuture<SomeIpMessage> first = pending.register(request(1, 0x42, 1), 1_000);
        CompletableFuture<SomeIpMessage> second = pending.register(request(1, 0x42, 1), 1_000);
        assertThat(first).isNotDone();
        assertThat(cause(second)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("feat_req_someip_79: an abandoned request fails with the given cause and stops waiting")
    void abandon() {
        SomeIpMessage request = request(1, 0x42, 1);
        CompletableFuture<SomeIpMessage> future = pending.register(request, 1_000);
        IllegalStateException why = new IllegalStateException("write failed");
        pending.abandon(request, why);
        assertThat(cause(future)).isSameAs(why);
        assertThat(pending.size()).isZero();
    }
}
