package io.vehicle.assistant.node;

import io.vehicle.assistant.audit.AuditLog;
import io.vehicle.assistant.gateway.GatewayLink;
import io.vehicle.assistant.gateway.LiveSignals;
import io.vehicle.assistant.intent.IntentEngine;
import io.vehicle.assistant.llm.ChatCompletionClient;
import io.vehicle.assistant.llm.LlmInterpreter;
import io.vehicle.assistant.llm.LlmSettings;
import io.vehicle.assistant.llm.PolicyToolSource;
import io.vehicle.assistant.pipeline.AssistantPipeline;
import io.vehicle.assistant.pipeline.Interpreter;
import io.vehicle.assistant.reply.ReplyComposer;
import io.vehicle.assistant.suggest.SuggestionWatcher;
import io.vehicle.assistant.suggest.VehicleRules;
import io.vehicle.idl.assistant.v1.AssistantGrpcService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.server.GrpcServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI orchestration node as a running process part: a gRPC client of the bridge's gateway (the only way to
 * the vehicle), the pipeline with the offline engine or a language model in front of it, the audit log, the
 * suggestion watcher fed by the bridge's subscription, and a Vert.x gRPC server for
 * {@code vehicle.assistant.v1.Assistant}.
 */
public final class AssistantNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssistantNode.class);

    /**
     * @param bridge    where the bridge serves vehicle.gateway.v1
     * @param token     the JWT for the bridge; empty when it runs without authorization
     * @param writer    the identity the bridge's policy knows this node by (its tools come from that writer's rules)
     * @param host      where to serve the Assistant API (loopback by default)
     * @param port      0 picks a free port
     * @param auditFile the JSON-lines audit log; null for none
     * @param llm       the language model; null for the offline engine alone
     */
    public record Settings(SocketAddress bridge, String token, String writer, String host, int port, Path auditFile,
            LlmSettings llm, AssistantPipeline.Settings pipeline) {

        public static final int DEFAULT_PORT = 55560;

        public static Settings defaults(SocketAddress bridge) {
            return new Settings(bridge, "", "assistant", "127.0.0.1", DEFAULT_PORT, null, null,
                    AssistantPipeline.Settings.defaults());
        }

        public Settings withPort(int newPort) {
            return new Settings(bridge, token, writer, host, newPort, auditFile, llm, pipeline);
        }

        public Settings withAudit(Path file) {
            return new Settings(bridge, token, writer, host, port, file, llm, pipeline);
        }

        public Settings withLlm(LlmSettings model) {
            return new Settings(bridge, token, writer, host, port, auditFile, model, pipeline);
        }

        public Settings withToken(String jwt) {
            return new Settings(bridge, jwt, writer, host, port, auditFile, llm, pipeline);
        }

        public Settings withPipeline(AssistantPipeline.Settings settings) {
            return new Settings(bridge, token, writer, host, port, auditFile, llm, settings);
        }
    }

    private final Vertx vertx;
    private final GatewayLink gateway;
    private final ChatCompletionClient model;
    private final AuditLog audit;
    private final AssistantPipeline pipeline;
    private final SuggestionWatcher suggestions;
    private final LiveSignals live;
    private final HttpServer server;
    private final String engine;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private AssistantNode(Settings settings, IntentEngine offline) {
        Clock clock = Clock.systemUTC();
        vertx = Vertx.vertx();
        gateway = new GatewayLink(vertx, settings.bridge(), settings.token(), settings.pipeline().gatewayDeadline());
        Interpreter interpreter;
        if (settings.llm() == null) {
            model = null;
            interpreter = Interpreter.of(offline);
            engine = offline.name();
        } else {
            model = new ChatCompletionClient(vertx, settings.llm());
            interpreter = new LlmInterpreter(model, offline, new PolicyToolSource(gateway, settings.writer(),
                    Duration.ofSeconds(60), settings.pipeline().gatewayDeadline()));
            engine = settings.llm().engineName() + " (offline fallback)";
        }
        audit = settings.auditFile() == null ? AuditLog.discard(clock) : AuditLog.open(settings.auditFile(), clock);
        pipeline = new AssistantPipeline(gateway, interpreter, ReplyComposer.load(), audit, vertx, clock,
                settings.pipeline());
        suggestions = new SuggestionWatcher(VehicleRules.all(), clock, Duration.ofMinutes(2), Duration.ofMinutes(10));
        live = new LiveSignals(vertx, gateway, List.of("Vehicle"), Duration.ofMillis(250), suggestions::update);
        live.start();
        GrpcServer grpc = GrpcServer.server(vertx);
        grpc.addService(AssistantGrpcService.of(new AssistantEndpoint(vertx, pipeline, suggestions)));
        server = await(vertx.createHttpServer(new HttpServerOptions().setHost(settings.host())
                .setPort(settings.port())).requestHandler(grpc).listen(), "the Assistant API on " + settings.host()
                        + ":" + settings.port());
        LOG.info("assistant node serving vehicle.assistant.v1 on {}:{}, bridge {}, engine {}, audit {}",
                settings.host(), server.actualPort(), settings.bridge(), engine,
                settings.auditFile() == null ? "off" : settings.auditFile());
    }

    /** Starts the node; {@code offline} is loaded by the caller (it takes seconds and can be shared). */
    public static AssistantNode start(Settings settings, IntentEngine offline) {
        return new AssistantNode(settings, offline);
    }

    public int port() {
        return server.actualPort();
    }

    public AssistantPipeline pipeline() {
        return pipeline;
    }

    public AuditLog audit() {
        return audit;
    }

    public SuggestionWatcher suggestions() {
        return suggestions;
    }

    public GatewayLink gateway() {
        return gateway;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** "offline", or the model with the offline engine behind it. */
    public String engine() {
        return engine;
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        live.close();
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing the Assistant API: {}", e.getMessage());
        }
        if (model != null) {
            model.close();
        }
        gateway.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing Vert.x: {}", e.getMessage());
        }
        audit.close();
    }
}
