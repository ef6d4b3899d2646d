package io.vehicle.bridge.server;

import io.vehicle.bridge.audit.AuditLog;
import io.vehicle.bridge.auth.Authenticator;
import io.vehicle.bridge.auth.PemKeys;
import io.vehicle.bridge.auth.TokenVerifier;
import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.dashboard.Dashboard;
import io.vehicle.bridge.gateway.GatewayService;
import io.vehicle.bridge.grpc.ApiContext;
import io.vehicle.bridge.grpc.GrpcCalls;
import io.vehicle.bridge.grpc.SignalQuery;
import io.vehicle.bridge.kuksa.KuksaValService;
import io.vehicle.bridge.metrics.BridgeMetrics;
import io.vehicle.bridge.policy.PolicyEngine;
import io.vehicle.bridge.policy.PolicyFile;
import io.vehicle.bridge.policy.PolicyStore;
import io.vehicle.bridge.services.VehicleServices;
import io.vehicle.bridge.subscription.SubscriptionHub;
import io.vehicle.bridge.values.EcuAvailability;
import io.vehicle.bridge.values.LiveValues;
import io.vehicle.bridge.values.SignalIds;
import io.vehicle.bridge.values.ValueFeed;
import io.vehicle.bridge.write.MethodGate;
import io.vehicle.bridge.write.WriteGate;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.signal.SignalClient;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running bridge: its SOME/IP node finding the ECUs, the live values, the write and method gates with
 * policy and audit, and one Vert.x gRPC server (HTTP/2) serving kuksa.val.v2.VAL, vehicle.gateway.v1 and
 * the vehicle services, plus an HTTP server for health, readiness, metrics and the live dashboard
 * ({@link #router()}).
 */
public final class Bridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final long START_TIMEOUT_SECONDS = 30;

    private final List<AutoCloseable> parts = new ArrayList<>();
    private SomeIpNode node;
    private SignalClient client;
    private LiveValues values;
    private EcuAvailability availability;
    private SubscriptionHub hub;
    private PolicyStore policies;
    private AuditLog audit;
    private BridgeMetrics metrics;
    private WriteGate gate;
    private Vertx vertx;
    private Router router;
    private HttpServer grpcServer;
    private HttpServer opsServer;
    private volatile boolean ready;
    private String summary;
    private String httpHost;

    private Bridge() {
    }

    /** The catalog's services, on the system clock. */
    public static Bridge start(BridgeConfig config) throws IOException {
        return start(config, SignalRegistry.catalog(), Clock.systemUTC());
    }

    /**
     * @param registry the services to bridge (the catalog, or a test's own)
     * @param clock    the time values are stamped with and policies judge freshness by
     */
    public static Bridge start(BridgeConfig config, SignalRegistry registry, Clock clock) throws IOException {
        requireTimeForTravel(config.writes(), registry);
        Bridge bridge = new Bridge();
        try {
            bridge.build(config, registry, clock);
            return bridge;
        } catch (IOException | RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    /** A cap below an actuator's travel time would leave every full move of it unconfirmed: refuse it up front. */
    private static void requireTimeForTravel(BridgeConfig.Writes writes, SignalRegistry registry) {
        registry.all().stream().filter(s -> s.maxTravel().toMillis() > writes.maxConfirmTimeoutMs()).findFirst()
                .ifPresent(slow -> {
                    throw new IllegalArgumentException("writes: maxConfirmTimeoutMs (" + writes.maxConfirmTimeoutMs()
                            + ") is shorter than the travel time of " + slow.path() + " ("
                            + slow.maxTravel().toMillis() + " ms): its writes could never be confirmed");
                });
    }

    private void build(BridgeConfig config, SignalRegistry registry, Clock clock) throws IOException {
        Authenticator authenticator = authenticator(config, clock);
        PolicyFile parser = new PolicyFile(registry, config.policy().maxDataAgeMs());
        policies = config.policy().file() == null ? PolicyStore.builtIn(parser, clock)
                : PolicyStore.fromFile(parser, Path.of(config.policy().file()), clock, config.policy().reloadIntervalMs());
        parts.add(policies);
        audit = new AuditLog(Path.of(config.audit().file()));
        parts.add(audit);
        metrics = new BridgeMetrics();

        node = SomeIpNode.start(config.node());
        parts.add(node);
        client = new SignalClient(node, registry);
        parts.add(client);
        values = new LiveValues(registry, clock);
        availability = new EcuAvailability(client);
        ValueFeed feed = new ValueFeed(client, values, availability);
        parts.add(feed);
        hub = new SubscriptionHub(values, config.limits().maxSubscriptions());
        feed.start();

        PolicyEngine engine = new PolicyEngine(policies, values);
        Duration refresh = Duration.ofMillis(config.policy().refreshTimeoutMs());
        gate = new WriteGate(client, values, feed, engine, availability, audit, metrics, new WriteGate.Settings(
                Duration.ofMillis(config.writes().confirmTimeoutMs()), Duration.ofMillis(config.writes().maxConfirmTimeoutMs()),
                refresh, config.writes().maxWrites()));
        MethodGate methods = new MethodGate(client, values, feed, engine, availability, audit, metrics, refresh);
        registerGauges(registry);

        vertx = Vertx.vertx();
        GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions()
                .setMaxMessageSize(config.grpc().maxMessageBytes()));
        GrpcCalls calls = new GrpcCalls(grpc, authenticator, metrics);
        ApiContext api = new ApiContext(calls, new SignalQuery(registry), values, feed, new SignalIds(registry), hub,
                gate, availability, config.limits().subscriberQueue(), config.limits().maxBatch());
        new KuksaValService(api).bind();
        new GatewayService(api, policies).bind();
        new VehicleServices(api, client, methods).bind();

        HttpServerOptions grpcOptions = new HttpServerOptions().setHost(config.grpc().host()).setPort(config.grpc().port())
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(config.grpc().maxConcurrentStreams())
                        .setMaxHeaderListSize(16 * 1024));
        if (config.grpc().tls() != null) {
            grpcOptions.setSsl(true).setUseAlpn(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.grpc().tls().certificate()).setKeyPath(config.grpc().tls().key()));
        }
        grpcServer = await(vertx.createHttpServer(grpcOptions).requestHandler(grpc).listen(), "gRPC server on "
                + config.grpc().host() + ":" + config.grpc().port());
        httpHost = config.http().host();
        router = Router.router(vertx);
        OpsRoutes.mount(router, () -> ready, policies, audit, availability, registry.services(), hub, metrics);
        if (config.dashboard().enabled()) {
            Dashboard.mount(router, vertx, config.dashboard(), new Dashboard.Sources(values, availability, feed, node,
                    registry.services()));
        }
        opsServer = await(vertx.createHttpServer(new HttpServerOptions().setHost(config.http().host())
                .setPort(config.http().port())).requestHandler(router).listen(), "HTTP server on "
                + config.http().host() + ":" + config.http().port());
        ready = true;
        if (!config.grpc().host().startsWith("127.") && !config.grpc().host().equals("localhost")) {
            LOG.warn("gRPC server listens on {}, not loopback: other machines can reach it{}", config.grpc().host(),
                    config.grpc().tls() == null ? " without TLS" : "");
        }
        summary = String.format("gRPC on %s:%d (authorization %s), health and metrics on http://%s:%d/health%s; "
                        + "policy %s from %s; audit %s", config.grpc().host(), grpcPort(),
                authenticator.isEnabled() ? "on" : "OFF", config.http().host(), httpPort(),
                config.dashboard().enabled() ? ", dashboard on " + dashboardUrl() : "", policies.get().version(),
                policies.get().source(), audit.file());
        LOG.info("Bridge serving {}", summary);
    }

    private static Authenticator authenticator(BridgeConfig config, Clock clock) throws IOException {
        BridgeConfig.Auth auth = config.auth();
        if (!auth.enabled()) {
            LOG.warn("Authorization is OFF: every caller is '{}' with every scope; only the write policy guards writes",
                    auth.writer());
            return Authenticator.disabled(auth.writer());
        }
        if (auth.publicKey() == null) {
            throw new IllegalArgumentException("auth.enabled is true but auth.publicKey is not set: give the PEM public"
                    + " key that verifies client tokens (see `vehicle bridge keygen`), or set auth.enabled: false"
                    + " for a demo on a closed machine");
        }
        return Authenticator.enabled(new TokenVerifier(PemKeys.readPublic(Path.of(auth.publicKey())), auth.issuer(),
                auth.audience(), clock));
    }

    private void registerGauges(SignalRegistry registry) {
        metrics.gauge("bridge_subscriptions_open", "gRPC subscriptions open", hub::openSubscriptions);
        metrics.counter("bridge_signal_changes", "changes of value or availability from ECUs", values::changes);
        metrics.counter("bridge_subscription_updates_offered", "updates handed to subscriber queues", hub::offered);
        metrics.counter("bridge_subscription_overflows", "subscriptions ended for reading too slowly", hub::overflows);
        metrics.gauge("bridge_ecus_available", "ECUs (service instances) SD sees", () -> registry.services().stream()
                .filter(availability::isAvailable).count());
        metrics.counter("bridge_audit_lines", "audit lines written", audit::written);
        metrics.countersByReason("someip_refusals", "SOME/IP and SD input the bridge's node refused, by reason "
                + "(docs/security.md)", node::refusals);
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot start the " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the " + what + ": " + e, e);
        }
    }

    /** What it serves where, for people: ports, authorization, policy, audit file. */
    public String summary() {
        return summary;
    }

    public int grpcPort() {
        return grpcServer.actualPort();
    }

    public int httpPort() {
        return opsServer.actualPort();
    }

    /** The dashboard's address, e.g. {@code http://127.0.0.1:55556/}. */
    public String dashboardUrl() {
        return "http://" + httpHost + ":" + httpPort() + "/";
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The HTTP server's router: /health, /ready, /metrics; mount more (the dashboard) here. */
    public Router router() {
        return router;
    }

    public SomeIpNode node() {
        return node;
    }

    public LiveValues values() {
        return values;
    }

    public SubscriptionHub subscriptions() {
        return hub;
    }

    public PolicyStore policies() {
        return policies;
    }

    public AuditLog audit() {
        return audit;
    }

    public BridgeMetrics metrics() {
        return metrics;
    }

    public EcuAvailability availability() {
        return availability;
    }

    @Override
    public void close() {
        ready = false;
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Vert.x did not close cleanly: {}", e.toString());
            }
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", parts.get(i), e.toString());
            }
        }
    }
}
