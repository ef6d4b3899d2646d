package io.vehicle.assistant.eval;

import io.vehicle.assistant.gateway.GatewayLink;
import io.vehicle.assistant.gateway.ValueCodec;
import io.vehicle.idl.gateway.v1.Availability;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import io.vehicle.idl.gateway.v1.SubscribeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Waits until the bridge shows given values, by one subscription to every signal kept open across cases (its
 * first answer is the current state, then every change), so a case forced on the simulator is asked only once the
 * node can see it. No polling, no sleep.
 *
 * <p>One long-lived stream rather than one per case: cancelling a gRPC stream is an HTTP/2 RST_STREAM, and a
 * server counts those (Netty answers more than 200 in 30 s with GOAWAY ENHANCE_YOUR_CALM, which failed the
 * node's own calls on the same connection in a corpus run). A stream the bridge ends is opened again by the next
 * {@link #await}.
 */
public final class BridgeWatch implements AutoCloseable {

    private final GatewayLink gateway;
    /** The bridge's latest values by path (null: not available); guarded by itself, notified on every change. */
    private final Map<String, Object> seen = new HashMap<>();
    private boolean open;
    private boolean closed;
    private String ended = "";
    private Runnable cancel;

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
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            while (!mismatches(expected).isEmpty()) {
                if (closed) {
                    throw new IllegalStateException("the watch is closed");
                }
                if (!open) {
                    subscribe();
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new IllegalStateException("the bridge does not show the forced state within "
                            + timeout.toMillis() + " ms: " + mismatches(expected) + (ended.isEmpty() ? ""
                                    : " (subscription: " + ended + ")"));
                }
                try {
                    seen.wait(Math.max(1, remaining / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }
        }
    }

    /** Opens the stream; called with the lock held, the answers come later on the link's event loop. */
    private void subscribe() {
        open = true;
        seen.clear();
        gateway.subscribe(SubscribeRequest.newBuilder().addPatterns("Vehicle").setLatestOnly(true).build(),
                this::apply, end -> ended(end == null ? "ended by the bridge" : end.getMessage()))
                .onSuccess(handle -> {
                    boolean cancelNow;
                    synchronized (seen) {
                        cancel = handle;
                        cancelNow = closed;
                    }
                    if (cancelNow) {
                        handle.run();
                    }
                }).onFailure(failure -> ended(failure.getMessage()));
    }

    private void apply(SubscribeResponse response) {
        synchronized (seen) {
            for (SignalValue value : response.getUpdatesList()) {
                seen.put(value.getPath(), value.getAvailability() == Availability.AVAILABILITY_AVAILABLE
                        ? ValueCodec.toPlain(value.getValue()) : null);
            }
            seen.notifyAll();
        }
    }

    private void ended(String reason) {
        synchronized (seen) {
            open = false;
            ended = reason;
            seen.notifyAll();
        }
    }

    private List<String> mismatches(Map<String, Object> expected) {
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

    @Override
    public void close() {
        Runnable handle;
        synchronized (seen) {
            closed = true;
            handle = cancel;
            seen.notifyAll();
        }
        if (handle != null) {
            handle.run();
        }
    }
}
