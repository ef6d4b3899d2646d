package io.vehicle.assistant.eval;

import io.vehicle.assistant.gateway.GatewayLink;
import io.vehicle.assistant.gateway.ValueCodec;
import io.vehicle.idl.gateway.v1.Availability;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until the bridge shows given values, by its own subscription (the first answer is the current state, then
 * every change), so a case forced on the simulator is asked only once the node can see it. No polling, no sleep.
 */
public final class BridgeWatch {

    private final GatewayLink gateway;

    public BridgeWatch(GatewayLink gateway) {
        this.gateway = gateway;
    }

    /**
     * @throws IllegalStateException naming the signals that still differ when {@code timeout} passes
     */
    public void await(Map<String, Object> expected, Duration timeout) {
        if (expected.isEmpty()) {
            return;
        }
        Map<String, Object> seen = new HashMap<>();
        CompletableFuture<Void> matched = new CompletableFuture<>();
        CompletableFuture<Runnable> opened = new CompletableFuture<>();
        gateway.subscribe(SubscribeRequest.newBuilder().addAllPatterns(expected.keySet()).setLatestOnly(true).build(),
                response -> {
                    synchronized (seen) {
                        for (SignalValue value : response.getUpdatesList()) {
                            seen.put(value.getPath(), value.getAvailability() == Availability.AVAILABILITY_AVAILABLE
                                    ? ValueCodec.toPlain(value.getValue()) : null);
                        }
                        if (mismatches(expected, seen).isEmpty()) {
                            matched.complete(null);
                        }
                    }
                }, end -> matched.completeExceptionally(end != null ? end
                        : new IllegalStateException("the bridge ended the subscription")))
                .onSuccess(opened::complete).onFailure(failure -> {
                    opened.completeExceptionally(failure);
                    matched.completeExceptionally(failure);
                });
        try {
            matched.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            List<String> differ;
            synchronized (seen) {
                differ = mismatches(expected, seen);
            }
            throw new IllegalStateException("the bridge does not show the forced state within " + timeout.toMillis()
                    + " ms: " + differ);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot watch the bridge: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            opened.thenAccept(Runnable::run);
        }
    }

    private static List<String> mismatches(Map<String, Object> expected, Map<String, Object> seen) {
        List<String> differ = new ArrayList<>();
        expected.forEach((path, value) -> {
            if (!same(value, seen.get(path))) {
                differ.add(path + " expected " + value + ", bridge " + (seen.containsKey(path) ? seen.get(path)
                        : "nothing yet"));
            }
        });
        return differ;
    }

    static boolean same(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) {
            return Math.abs(a.doubleValue() - b.doubleValue()) <= 0.01;
        }
        return Objects.equals(expected, actual);
    }
}
