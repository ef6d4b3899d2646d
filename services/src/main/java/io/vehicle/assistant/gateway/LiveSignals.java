package io.vehicle.assistant.gateway;

import io.vehicle.assistant.intent.VehicleState;
import io.vehicle.idl.gateway.v1.Availability;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import io.vehicle.idl.gateway.v1.SubscribeResponse;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vehicle's current values as the bridge streams them (Gateway.Subscribe, latest value only): the node's
 * view for watching, kept by subscription instead of asking again and again. A stream that ends or fails is
 * opened again after a back-off that doubles up to a limit, so the node survives a bridge restart.
 */
public final class LiveSignals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSignals.class);
    private static final long MAX_BACKOFF_MS = 10_000;

    private final Vertx vertx;
    private final GatewayLink gateway;
    private final List<String> patterns;
    private final int minIntervalMs;
    private final Consumer<VehicleState> listener;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private volatile boolean closed;
    private volatile Runnable cancel;
    private long backoffMs = 200;

    /**
     * @param listener told of the whole state after every update, on a Vert.x event loop: it must not block
     */
    public LiveSignals(Vertx vertx, GatewayLink gateway, List<String> patterns, Duration minInterval,
            Consumer<VehicleState> listener) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.patterns = List.copyOf(patterns);
        this.minIntervalMs = (int) minInterval.toMillis();
        this.listener = listener;
    }

    public void start() {
        subscribe();
    }

    /** The values received so far. */
    public synchronized VehicleState state() {
        return VehicleState.of(values);
    }

    private void subscribe() {
        if (closed) {
            return;
        }
        gateway.subscribe(SubscribeRequest.newBuilder().addAllPatterns(patterns).setLatestOnly(true)
                .setMinIntervalMs(minIntervalMs).build(), this::apply,
                failure -> again(failure == null ? "ended" : "failed: " + failure.getMessage()))
                .onSuccess(cancel -> {
                    this.cancel = cancel;
                    if (closed) {
                        cancel.run();
                    }
                });
    }

    private void apply(SubscribeResponse response) {
        backoffMs = 200;
        VehicleState state;
        synchronized (this) {
            for (SignalValue update : response.getUpdatesList()) {
                Object plain = update.getAvailability() == Availability.AVAILABILITY_AVAILABLE && update.hasValue()
                        ? ValueCodec.toPlain(update.getValue()) : null;
                if (plain instanceof Double || plain instanceof Boolean || plain instanceof String) {
                    values.put(update.getPath(), plain);
                } else {
                    values.remove(update.getPath()); // unavailable: unknown, never a stale value
                }
            }
            state = VehicleState.of(values);
        }
        try {
            listener.accept(state);
        } catch (RuntimeException e) {
            LOG.error("a listener of the live signals failed", e);
        }
    }

    private void again(String why) {
        if (closed) {
            return;
        }
        long wait = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        LOG.warn("subscription to the bridge {}; again in {} ms", why, wait);
        synchronized (this) {
            values.clear();
        }
        vertx.setTimer(wait, timer -> subscribe());
    }

    @Override
    public void close() {
        closed = true;
        Runnable open = cancel;
        if (open != null) {
            try {
                open.run();
            } catch (RuntimeException e) {
                LOG.debug("closing the subscription: {}", e.getMessage());
            }
        }
    }
}
