package io.vehicle.bridge.server;

import io.vehicle.bridge.audit.AuditLog;
import io.vehicle.bridge.metrics.BridgeMetrics;
import io.vehicle.bridge.policy.PolicyStore;
import io.vehicle.bridge.subscription.SubscriptionHub;
import io.vehicle.bridge.values.EcuAvailability;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The operations endpoints on the HTTP port: {@code /health} (liveness, with what an operator needs: policy
 * status, audit failures, ECUs, subscriptions), {@code /ready} (503 until the gRPC server listens), and
 * {@code /metrics} (Prometheus text). They are routes of a Vert.x Web router so the dashboard can be
 * mounted on the same server later.
 */
final class OpsRoutes {

    private OpsRoutes() {
    }

    static void mount(Router router, BooleanSupplier ready, PolicyStore policies, AuditLog audit,
                      EcuAvailability availability, List<ServiceBinding> services, SubscriptionHub hub,
                      BridgeMetrics metrics) {
        router.get("/health").handler(context -> {
            PolicyStore.Status policy = policies.status();
            JsonArray ecus = new JsonArray();
            for (ServiceBinding service : services) {
                ecus.add(new JsonObject().put("service", service.descriptor().getFullName())
                        .put("available", availability.isAvailable(service))
                        .put("reason", availability.reason(service)));
            }
            boolean degraded = !policy.healthy() || audit.failed() > 0;
            JsonObject body = new JsonObject().put("status", degraded ? "DEGRADED" : "UP")
                    .put("policy", new JsonObject().put("version", policy.version()).put("source", policy.source())
                            .put("loadedAt", policy.loadedAt().toString()).put("error", policy.error()))
                    .put("audit", new JsonObject().put("file", audit.file().toString())
                            .put("written", audit.written()).put("failed", audit.failed()))
                    .put("subscriptions", hub.openSubscriptions())
                    .put("ecus", ecus);
            context.response().putHeader("content-type", "application/json").end(body.encodePrettily());
        });
        router.get("/ready").handler(context -> {
            boolean up = ready.getAsBoolean();
            context.response().setStatusCode(up ? 200 : 503).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("ready", up).encode());
        });
        router.get("/metrics").handler(context -> context.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
    }
}
