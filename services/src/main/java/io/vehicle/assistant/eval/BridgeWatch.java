package io.vehicle.assistant.eval;

import io.vehicle.assistant.gateway.GatewayLink;
import io.vehicle.assistant.gateway.ValueCodec;
import io.vehicle.idl.gateway.v1.Availability;
import io.vehicle.idl.gateway.v1.GetSignalsResponse;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import io.vehicle.idl.gateway.v1.SubscribeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until the bridge shows given values, so a case forced on the simulator is asked only once the node can
 * see it. No polling, no sleep.
 *
 * <p>Each check is a GetSignals with {@code read_from_ecus}: the bridge reads the fields from the ECUs first, so
 * its answer is at least as new as everything the ECUs published before the force returned. Comparing with the
 * values a subscription had delivered so far was not enough: a value can be forced back to what the stream last
 * showed (22, the assistant writes 23, the next case forces 22) while the 23 is still on its way, and the case
 * then ran on the 23. Between checks the watch waits for the bridge's subscription to report any change.
 *
 * <p>One long-lived stream rather than one per case: cancelling a gRPC stream is an HTTP/2 RST_STREAM, and a
 * server counts those (Netty answers more than 200 in 30 s with GOAWAY ENHANCE_YOUR_CALM, which failed the
 * node's own calls on the same connection in a corpus run). A stream the bridge ends is opened again by the next
 * {@link #await}.
 */
public final class BridgeWatch implements AutoCloseable {

    private final GatewayLink gateway;
    /** Guards the stream's state below; notified on every update and on the stream's end. */
    private final Object lock = new Object();
    /** Updates the stream delivered: what a waiting {@link #await} wakes up for. */
    private long changes;
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
        List<String> paths = List.copyOf(expected.keySet());
        while (true) {
            long changesBefore;
            synchronized (lock) {
                if (closed) {
                    throw new IllegalStateException("the watch is closed");
                }
                if (!open) {
                    subscribe();
                }
                changesBefore = changes;
            }
            List<String> differ = mismatches(expected, readFromEcus(paths, deadline));
            if (differ.isEmpty()) {
                return;
            }
            synchronized (lock) {
                while (true) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw new IllegalStateException("the bridge does not show the forced state within "
                                + timeout.toMillis() + " ms: " + differ + (ended.isEmpty() ? ""
                                        : " (subscription: " + ended + ")"));
                    }
                    if (changes != changesBefore || !open || closed) {
                        break;
                    }
                    try {
                        lock.wait(Math.max(1, remaining / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted");
                    }
                }
            }
        }
    }

    /** The bridge's values of {@code paths} after reading them from the ECUs (null: not available). */
    private Map<String, Object> readFromEcus(List<String> paths, long deadline) {
        long remaining = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        GetSignalsResponse response;
        try {
            response = gateway.signalsFromEcus(paths).toCompletionStage().toCompletableFuture()
                    .get(remaining, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading " + paths + " from the bridge failed: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the bridge did not answer GetSignals for " + paths + " in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        Map<String, Object> shown = new HashMap<>();
        for (SignalValue value : response.getSignalsList()) {
            shown.put(value.getPath(), plain(value));
        }
        return shown;
    }

    /** Opens the stream; called with the lock held, the answers come later on the link's event loop. */
    private void subscribe() {
        open = true;
        gateway.subscribe(SubscribeRequest.newBuilder().addPatterns("Vehicle").setLatestOnly(true).build(),
                this::updated, end -> ended(end == null ? "ended by the bridge" : end.getMessage()))
                .onSuccess(handle -> {
                    boolean cancelNow;
                    synchronized (lock) {
                        cancel = handle;
                        cancelNow = closed;
                    }
                    if (cancelNow) {
                        handle.run();
                    }
                }).onFailure(failure -> ended(failure.getMessage()));
    }

    private void updated(SubscribeResponse response) {
        synchronized (lock) {
            changes++;
            lock.notifyAll();
        }
    }

    private void ended(String reason) {
        synchronized (lock) {
            open = false;
            ended = reason;
            lock.notifyAll();
        }
    }

    private static Object plain(SignalValue value) {
        return value.getAvailability() == Availability.AVAILABILITY_AVAILABLE ? ValueCodec.toPlain(value.getValue())
                : null;
    }

    private static List<String> mismatches(Map<String, Object> expected, Map<String, Object> shown) {
        List<String> differ = new ArrayList<>();
        expected.forEach((path, value) -> {
            if (!same(value, shown.get(path))) {
                differ.add(path + " expected " + value + ", bridge " + (shown.containsKey(path) ? shown.get(path)
                        : "nothing"));
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
        synchronized (lock) {
            closed = true;
            handle = cancel;
            lock.notifyAll();
        }
        if (handle != null) {
            handle.run();
        }
    }
}
