package io.vehicle.bridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bridge's metrics in a Prometheus registry (scraped at the HTTP port's /metrics): gRPC calls by rpc
 * and status, signal updates from ECUs, subscriptions and what back-pressure did to them, write results and
 * their latency, refused tokens, and what the bridge's SOME/IP node refused from the network.
 */
public final class BridgeMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The text exposition for Prometheus. */
    public String scrape() {
        return registry.scrape();
    }

    public void call(String rpc, String status) {
        Counter.builder("bridge_grpc_calls").description("gRPC calls answered, by rpc and status")
                .tag("rpc", rpc).tag("status", status).register(registry).increment();
    }

    public void authenticationFailed() {
        Counter.builder("bridge_authentication_failures").description("calls refused as UNAUTHENTICATED")
                .register(registry).increment();
    }

    public void write(String status, Duration latency) {
        Counter.builder("bridge_writes").description("signal writes by result").tag("status", status)
                .register(registry).increment();
        Timer.builder("bridge_write_latency").description("from request to result, per signal")
                .tag("status", status).publishPercentiles(0.5, 0.99).register(registry).record(latency);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /**
     * One counter {@code name} per key of what {@code counts} gives (read at every scrape), tagged
     * {@code reason}: the SOME/IP node's refusals (docs/security.md), whose keys are fixed once
     * the node runs.
     */
    public void countersByReason(String name, String description, Supplier<Map<String, Long>> counts) {
        for (String reason : counts.get().keySet()) {
            FunctionCounter.builder(name, counts, c -> c.get().getOrDefault(reason, 0L).doubleValue())
                    .description(description).tag("reason", reason).register(registry);
        }
    }

    public void counter(String name, String description, Supplier<Number> value) {
        FunctionCounter.builder(name, value, v -> v.get().doubleValue())
                .description(description).register(registry);
    }
}
