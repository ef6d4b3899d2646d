package io.vehicle.launcher.bridge;

import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.server.Bridge;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vehicle bridge}: runs the bridge from its configuration file (flags override single keys) until
 * SIGTERM or Ctrl-C; {@code vehicle bridge keygen} and {@code vehicle bridge token} make the keys and tokens
 * a bench or a test needs.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {KeygenCommand.class, TokenCommand.class},
        description = {"Serves the car's ECUs (found over SOME/IP-SD) to gRPC clients: kuksa.val.v2.VAL "
                + "(KUKSA-compatible), vehicle.gateway.v1 (confirmed writes, dry runs, policy) and the IDL's "
                + "vehicle services, on one HTTP/2 port; the live dashboard, /health, /ready and /metrics on another.",
                "Every write passes the catalog check, the caller's token scopes and the write policy; every "
                        + "attempt goes to the audit log. Authorization is on unless the configuration or "
                        + "--no-auth turns it off.",
                "",
                "Examples:",
                "  vehicle bridge keygen --out keys",
                "  vehicle bridge --public-key keys/bridge-public.pem",
                "  vehicle bridge --config bridge.yaml",
                "  vehicle bridge --no-auth --policy policy.yaml   (a demo, closed machine)",
                ""})
public final class BridgeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Bridge configuration (YAML, see docs/bridge.md). "
            + "Without it every key has its default: gRPC on 127.0.0.1:55555, HTTP on 127.0.0.1:55590.")
    Path config;

    @Option(names = "--host", description = "Address of the gRPC and HTTP servers (default 127.0.0.1, loopback).")
    String host;

    @Option(names = "--port", description = "gRPC port (default 55555; 0 picks a free one).")
    Integer port;

    @Option(names = "--http-port", description = "Port of the live dashboard (http://HOST:PORT/), /health, /ready "
            + "and /metrics (default 55590).")
    Integer httpPort;

    @Option(names = "--public-key", paramLabel = "PEM", description = "Public key (RSA or EC, PEM) that verifies "
            + "client tokens; turns authorization on.")
    Path publicKey;

    @Option(names = "--no-auth", description = "Authorization off: every caller may read and write everything the "
            + "policy allows, as the writer named by --writer. For demos on a closed machine only.")
    boolean noAuth;

    @Option(names = "--writer", description = "The writer every caller is with --no-auth (default: anonymous).")
    String writer;

    @Option(names = "--policy", paramLabel = "FILE", description = "Write policy (YAML); reloaded when it changes. "
            + "Default: the built-in policy.")
    Path policy;

    @Option(names = "--audit", paramLabel = "FILE", description = "Audit log (JSON lines, appended; default "
            + "bridge-audit.jsonl).")
    Path audit;

    @Option(names = "--unicast", description = "Address of the bridge's SOME/IP node (default 127.0.0.1).")
    String unicast;

    @Option(names = "--sd-port", description = "SOME/IP-SD port (default 30490).")
    Integer sdPort;

    @Option(names = "--fast-sd", description = "Fast SD timings (for one machine: offers found within ms).")
    boolean fastSd;

    @Option(names = "--assistant", paramLabel = "HOST:PORT", description = "The AI node's gRPC address, for the "
            + "dashboard's assistant panel (dashboard.assistant).")
    String assistant;

    @Option(names = "--simulator-control", paramLabel = "HOST:PORT", description = "The simulator's control API, for "
            + "the dashboard's drive and fault panels (dashboard.simulator).")
    String simulatorControl;

    @Option(names = "--no-dashboard", description = "Serve no dashboard on the HTTP port.")
    boolean noDashboard;

    @Option(names = "--log-format", defaultValue = "text", description = "text or json (one JSON object per log "
            + "line on stderr).")
    String logFormat;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (logFormat.equals("json")) {
            // Read by logback when the first logger is created, which happens below.
            System.setProperty("logback.configurationFile", "logback-json.xml");
        } else if (!logFormat.equals("text")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--log-format is text or json, not " + logFormat);
        }
        BridgeConfig settings;
        try {
            settings = effective();
        } catch (java.io.IOException | IllegalArgumentException e) {
            System.err.println("vehicle bridge: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Bridge bridge;
        try {
            bridge = Bridge.start(settings);
        } catch (java.io.IOException | IllegalArgumentException | IllegalStateException e) {
            // A configuration the bridge cannot run with: say which and why, without a stack trace.
            System.err.println("vehicle bridge: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            stopped.countDown();
        }, "bridge-shutdown"));
        out.println("bridge: " + bridge.summary());
        out.flush();
        stopped.await();
        return 0;
    }

    /** The configuration file with the flags applied on top. */
    BridgeConfig effective() throws Exception {
        BridgeConfig settings = config == null ? BridgeConfig.defaults() : BridgeConfig.load(config);
        NodeConfig node = settings.node();
        if (unicast != null) {
            node = node.withUnicast(unicast);
        }
        if (sdPort != null || fastSd) {
            node = node.withSd(sdPort != null ? sdPort : node.sd().port(), fastSd ? SdTimings.fast() : node.sd().timings());
        }
        settings = settings.withNode(node);
        BridgeConfig.Grpc grpc = settings.grpc();
        settings = settings.withGrpc(new BridgeConfig.Grpc(host != null ? host : grpc.host(),
                port != null ? port : grpc.port(), grpc.maxMessageBytes(), grpc.maxConcurrentStreams(), grpc.tls()));
        BridgeConfig.Http http = settings.http();
        settings = settings.withHttp(new BridgeConfig.Http(host != null ? host : http.host(),
                httpPort != null ? httpPort : http.port()));
        BridgeConfig.Auth auth = settings.auth();
        if (noAuth && publicKey != null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--no-auth and --public-key contradict each other");
        }
        settings = settings.withAuth(new BridgeConfig.Auth(!noAuth && (publicKey != null || auth.enabled()),
                publicKey != null ? publicKey.toString() : auth.publicKey(), auth.issuer(), auth.audience(),
                writer != null ? writer : auth.writer()));
        if (policy != null) {
            BridgeConfig.PolicySettings current = settings.policy();
            settings = settings.withPolicy(new BridgeConfig.PolicySettings(policy.toString(),
                    current.reloadIntervalMs(), current.maxDataAgeMs(), current.refreshTimeoutMs()));
        }
        if (audit != null) {
            settings = settings.withAudit(new BridgeConfig.Audit(audit.toString()));
        }
        BridgeConfig.Dashboard dashboard = settings.dashboard();
        settings = settings.withDashboard(new BridgeConfig.Dashboard(!noDashboard && dashboard.enabled(),
                assistant != null ? assistant : dashboard.assistant(),
                simulatorControl != null ? simulatorControl : dashboard.simulator()));
        return settings;
    }
}
