package io.vehicle.someip.runtime;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests waiting for their answer, matched by service, method, client and session id
 * (feat_req_someip_83, feat_req_someip_338). Each has its own timeout; closing fails them all.
 */
public final class PendingRequests {

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final EventExecutor timer;
    private volatile String closedReason;

    public PendingRequests(EventExecutor timer) {
        this.timer = timer;
    }

    /**
     * Registers a request before it is sent. The future completes with the RESPONSE (which the
     * caller must release), or fails with {@link SomeIpErrorException} for an ERROR answer,
     * {@link RequestTimeoutException}, or {@link EndpointClosedException}. Its timeout starts with
     * {@link #startTimeout}, on the timer's thread, in the same task that sends the request: a
     * request from another thread costs one task on the event loop, not two.
     */
    public CompletableFuture<SomeIpMessage> register(SomeIpMessage request) {
        CompletableFuture<SomeIpMessage> future = new CompletableFuture<>();
        String closed = closedReason;
        if (closed != null) {
            future.completeExceptionally(new EndpointClosedException(closed));
            return future;
        }
        long key = key(request.serviceId(), request.methodId(), request.clientId(), request.sessionId());
        Pending entry = new Pending(future);
        if (pending.putIfAbsent(key, entry) != null) {
            future.completeExceptionally(new IllegalStateException(
                    "a request with the same ids is still outstanding: " + request));
            return future;
        }
        if (closedReason != null && pending.remove(key, entry)) {
            future.completeExceptionally(new EndpointClosedException(closedReason));
        }
        return future;
    }

    /**
     * Starts the timeout of a registered request; call on the timer's event loop, before sending.
     * False when the request is no longer pending (closed meanwhile): then it must not be sent.
     */
    public boolean startTimeout(SomeIpMessage request, long timeoutMillis) {
        long key = key(request.serviceId(), request.methodId(), request.clientId(), request.sessionId());
        Pending entry = pending.get(key);
        if (entry == null) {
            return false;
        }
        int serviceId = request.serviceId();
        int methodId = request.methodId();
        int sessionId = request.sessionId();
        entry.timeout = timer.schedule(() -> {
            if (pending.remove(key, entry)) {
                entry.future.completeExceptionally(new RequestTimeoutException(String.format(
                        "no answer to service 0x%04X method 0x%04X session 0x%04X within %d ms",
                        serviceId, methodId, sessionId, timeoutMillis)));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    /** Registers a request and starts its timeout at once (callers on the timer's thread, tests). */
    public CompletableFuture<SomeIpMessage> register(SomeIpMessage request, long timeoutMillis) {
        CompletableFuture<SomeIpMessage> future = register(request);
        if (!future.isDone()) {
            if (timer.inEventLoop()) {
                startTimeout(request, timeoutMillis);
            } else {
                timer.execute(() -> startTimeout(request, timeoutMillis));
            }
        }
        return future;
    }

    /** Forgets a request that could not be sent. */
    public void abandon(SomeIpMessage request, Throwable cause) {
        Pending entry = pending.remove(key(request.serviceId(), request.methodId(), request.clientId(),
                request.sessionId()));
        if (entry != null) {
            entry.cancelTimeout();
            entry.future.completeExceptionally(cause);
        }
    }

    /**
     * Completes the request this answer belongs to; takes ownership of the answer. Returns false
     * for an answer that matches nothing outstanding (late, duplicate or forged), which is dropped.
     */
    public boolean complete(SomeIpMessage answer) {
        Pending entry = pending.remove(key(answer.serviceId(), answer.methodId(), answer.clientId(),
                answer.sessionId()));
        if (entry == null) {
            answer.release();
            return false;
        }
        entry.cancelTimeout();
        if (answer.messageType().withoutTp() == MessageType.RESPONSE
                && answer.returnCode() == ReturnCode.E_OK.value()) {
            if (!entry.future.complete(answer)) {
                answer.release();
            }
        } else {
            int code = answer.returnCode() == 0 ? ReturnCode.E_NOT_OK.value() : answer.returnCode();
            answer.release();
            entry.future.completeExceptionally(new SomeIpErrorException(code, String.format(
                    "service 0x%04X method 0x%04X answered with an error", answer.serviceId(), answer.methodId())));
        }
        return true;
    }

    public int size() {
        return pending.size();
    }

    /** Fails every outstanding request and refuses new ones. */
    public void close(String reason) {
        closedReason = reason;
        failAll(reason);
    }

    /** Notes that {@code request} went out on {@code connection}: losing that connection fails it. */
    public void sentOn(SomeIpMessage request, Channel connection) {
        Pending entry = pending.get(key(request.serviceId(), request.methodId(), request.clientId(),
                request.sessionId()));
        if (entry != null) {
            entry.connection = connection;
        }
    }

    /**
     * Fails the outstanding requests sent on {@code connection}: it was lost, so their answers cannot
     * come (feat_req_someip_326). The others wait for theirs: a request made while the connection
     * closed goes out on the next one.
     */
    public void failSentOn(Channel connection, String reason) {
        fail(entry -> entry.connection == connection, reason);
    }

    private void failAll(String reason) {
        fail(entry -> true, reason);
    }

    private void fail(java.util.function.Predicate<Pending> which, String reason) {
        List<Pending> all = new ArrayList<>(pending.values());
        for (Pending entry : all) {
            if (which.test(entry) && pending.values().remove(entry)) {
                entry.cancelTimeout();
                entry.future.completeExceptionally(new EndpointClosedException(reason));
            }
        }
    }

    private static long key(int serviceId, int methodId, int clientId, int sessionId) {
        return (long) serviceId << 48 | (long) methodId << 32 | (long) clientId << 16 | sessionId;
    }

    private static final class Pending {
        final CompletableFuture<SomeIpMessage> future;
        volatile ScheduledFuture<?> timeout;
        /** The connection it went out on, over TCP; null before. */
        volatile Channel connection;

        Pending(CompletableFuture<SomeIpMessage> future) {
            this.future = future;
        }

        void cancelTimeout() {
            ScheduledFuture<?> scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
