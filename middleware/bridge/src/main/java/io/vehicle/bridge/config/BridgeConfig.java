package io.vehicle.bridge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vehicle.someip.sdk.node.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bridge's one configuration file (YAML). Every key has a default that runs on one machine: gRPC on
 * 127.0.0.1:55555, health and metrics on 127.0.0.1:55590, the SOME/IP node on 127.0.0.1 with SD's default
 * port, the built-in policy, authorization on. Relative file paths are relative to the file's directory.
 *
 * <pre>
 * node:                        # the bridge's SOME/IP node (the format of `vehicle node --config`)
 *   name: bridge
 *   unicast: 127.0.0.1
 * grpc:
 *   host: 127.0.0.1            # loopback only unless you mean it
 *   port: 55555
 *   maxMessageBytes: 1048576
 *   maxConcurrentStreams: 1000 # per connection (HTTP/2)
 *   tls: {certificate: bridge.crt, key: bridge.key}   # PEM; absent: plaintext (h2c)
 * http:
 *   host: 127.0.0.1
 *   port: 55590                # /health, /ready, /metrics (55556.. are the simulator's control API)
 * auth:
 *   enabled: true
 *   publicKey: bridge-public.pem   # verifies client tokens (RS256 or ES256)
 *   issuer: ""                 # required iss, if set
 *   audience: ""               # required aud entry, if set
 *   writer: anonymous          # the caller's identity while auth is disabled
 * policy:
 *   file: policy.yaml          # absent: the built-in default policy
 *   reloadIntervalMs: 1000
 *   maxDataAgeMs: 1000
 *   refreshTimeoutMs: 300
 * writes:
 *   confirmTimeoutMs: 2000
 *   maxConfirmTimeoutMs: 30000
 *   maxWrites: 64
 * audit:
 *   file: bridge-audit.jsonl
 * limits:
 *   maxSubscriptions: 2000
 *   subscriberQueue: 10000
 *   maxBatch: 1000
 * dashboard:                   # the live dashboard on the HTTP port (http://127.0.0.1:55590/)
 *   enabled: true
 *   assistant: 127.0.0.1:55560 # the AI node's gRPC address; absent: the assistant panel says so
 *   simulator: 127.0.0.1:55556 # the simulator's control API; absent: no fault or drive panel
 * </pre>
 */
public record BridgeConfig(NodeConfig node, Grpc grpc, Http http, Auth auth, PolicySettings policy, Writes writes,
                           Audit audit, Limits limits, Dashboard dashboard) {

    public record Tls(String certificate, String key) {
    }

    public record Grpc(String host, Integer port, Integer maxMessageBytes, Integer maxConcurrentStreams, Tls tls) {
        public Grpc {
            host = host == null ? "127.0.0.1" : host;
            port = port == null ? 55555 : port;
            maxMessageBytes = maxMessageBytes == null ? 1024 * 1024 : maxMessageBytes;
            maxConcurrentStreams = maxConcurrentStreams == null ? 1000 : maxConcurrentStreams;
        }
    }

    public record Http(String host, Integer port) {
        public Http {
            host = host == null ? "127.0.0.1" : host;
            // Not 55556: the simulator's control API has it (and 55557.. for its child processes), and the
            // bridge serves the simulator's car on the same machine.
            port = port == null ? 55590 : port;
        }
    }

    public record Auth(Boolean enabled, String publicKey, String issuer, String audience, String writer) {
        public Auth {
            enabled = enabled == null || enabled;
            issuer = issuer == null || issuer.isBlank() ? null : issuer;
            audience = audience == null || audience.isBlank() ? null : audience;
            writer = writer == null || writer.isBlank() ? "anonymous" : writer;
        }
    }

    public record PolicySettings(String file, Long reloadIntervalMs, Long maxDataAgeMs, Long refreshTimeoutMs) {
        public PolicySettings {
            reloadIntervalMs = reloadIntervalMs == null ? 1000 : reloadIntervalMs;
            maxDataAgeMs = maxDataAgeMs == null ? 1000 : maxDataAgeMs;
            refreshTimeoutMs = refreshTimeoutMs == null ? 300 : refreshTimeoutMs;
        }
    }

    public record Writes(Long confirmTimeoutMs, Long maxConfirmTimeoutMs, Integer maxWrites) {
        public Writes {
            confirmTimeoutMs = confirmTimeoutMs == null ? 2000 : confirmTimeoutMs;
            // Room for the slowest actuator of the catalog (the driver seat's 30 s max_travel_ms).
            maxConfirmTimeoutMs = maxConfirmTimeoutMs == null ? 30_000 : maxConfirmTimeoutMs;
            maxWrites = maxWrites == null ? 64 : maxWrites;
        }
    }

    public record Audit(String file) {
        public Audit {
            file = file == null || file.isBlank() ? "bridge-audit.jsonl" : file;
        }
    }

    public record Limits(Integer maxSubscriptions, Integer subscriberQueue, Integer maxBatch) {
        public Limits {
            maxSubscriptions = maxSubscriptions == null ? 2000 : maxSubscriptions;
            subscriberQueue = subscriberQueue == null ? 10_000 : subscriberQueue;
            maxBatch = maxBatch == null ? 1000 : maxBatch;
        }
    }

    /**
     * The dashboard: served unless disabled; it reaches the AI node and the simulator through their gRPC APIs at
     * these addresses ({@code host:port}), never in-process, so the bridge depends on neither.
     */
    public record Dashboard(Boolean enabled, String assistant, String simulator) {
        public Dashboard {
            enabled = enabled == null || enabled;
            assistant = blankToNull(assistant);
            simulator = blankToNull(simulator);
            for (String address : new String[] {assistant, simulator}) {
                if (address != null && (!address.matches("[^:\\s]+:\\d{1,5}")
                        || Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)) > 65535)) {
                    throw new IllegalArgumentException("dashboard: '" + address + "' is not host:port");
                }
            }
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.trim();
        }
    }

    /** Without a dashboard section: the dashboard with neither the assistant nor the simulator. */
    public BridgeConfig(NodeConfig node, Grpc grpc, Http http, Auth auth, PolicySettings policy, Writes writes,
                        Audit audit, Limits limits) {
        this(node, grpc, http, auth, policy, writes, audit, limits, null);
    }

    public BridgeConfig {
        dashboard = dashboard == null ? new Dashboard(null, null, null) : dashboard;
        node = node == null ? new NodeConfig("bridge", null, null, null, null, null) : node;
        grpc = grpc == null ? new Grpc(null, null, null, null, null) : grpc;
        http = http == null ? new Http(null, null) : http;
        auth = auth == null ? new Auth(null, null, null, null, null) : auth;
        policy = policy == null ? new PolicySettings(null, null, null, null) : policy;
        writes = writes == null ? new Writes(null, null, null) : writes;
        audit = audit == null ? new Audit(null) : audit;
        limits = limits == null ? new Limits(null, null, null) : limits;
        if (grpc.port() < 0 || grpc.port() > 65535 || http.port() < 0 || http.port() > 65535) {
            throw new IllegalArgumentException("ports are 0..65535 (0 picks a free one)");
        }
        if (limits.maxSubscriptions() < 1 || limits.subscriberQueue() < 1 || limits.maxBatch() < 1
                || writes.maxWrites() < 1) {
            throw new IllegalArgumentException("limits and writes.maxWrites must be at least 1");
        }
        if (writes.confirmTimeoutMs() < 1 || writes.maxConfirmTimeoutMs() < writes.confirmTimeoutMs()) {
            throw new IllegalArgumentException("writes: confirmTimeoutMs must be positive and at most maxConfirmTimeoutMs");
        }
    }

    public static BridgeConfig defaults() {
        return new BridgeConfig(null, null, null, null, null, null, null, null, null);
    }

    /**
     * Reads a YAML file; unknown keys are an error (a typo must not silently leave a default, least of all
     * for security settings); relative paths become relative to the file's directory.
     */
    public static BridgeConfig load(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        BridgeConfig config;
        try {
            config = mapper.readValue(Files.readString(file), BridgeConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IOException(file + ": unknown key '" + e.getPropertyName() + "' at line "
                    + e.getLocation().getLineNr() + "; known keys here: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (config == null) {
            config = defaults();
        }
        return config.relativeTo(file.toAbsolutePath().getParent());
    }

    /** The same configuration with relative file paths resolved against {@code dir}. */
    public BridgeConfig relativeTo(Path dir) {
        Tls tls = grpc.tls() == null ? null : new Tls(resolve(dir, grpc.tls().certificate()), resolve(dir, grpc.tls().key()));
        return new BridgeConfig(node, new Grpc(grpc.host(), grpc.port(), grpc.maxMessageBytes(),
                grpc.maxConcurrentStreams(), tls), http,
                new Auth(auth.enabled(), resolve(dir, auth.publicKey()), auth.issuer(), auth.audience(), auth.writer()),
                new PolicySettings(resolve(dir, policy.file()), policy.reloadIntervalMs(), policy.maxDataAgeMs(),
                        policy.refreshTimeoutMs()), writes, new Audit(resolve(dir, audit.file())), limits, dashboard);
    }

    public BridgeConfig withNode(NodeConfig value) {
        return new BridgeConfig(value, grpc, http, auth, policy, writes, audit, limits, dashboard);
    }

    public BridgeConfig withGrpc(Grpc value) {
        return new BridgeConfig(node, value, http, auth, policy, writes, audit, limits, dashboard);
    }

    public BridgeConfig withHttp(Http value) {
        return new BridgeConfig(node, grpc, value, auth, policy, writes, audit, limits, dashboard);
    }

    public BridgeConfig withAuth(Auth value) {
        return new BridgeConfig(node, grpc, http, value, policy, writes, audit, limits, dashboard);
    }

    public BridgeConfig withPolicy(PolicySettings value) {
        return new BridgeConfig(node, grpc, http, auth, value, writes, audit, limits, dashboard);
    }

    public BridgeConfig withWrites(Writes value) {
        return new BridgeConfig(node, grpc, http, auth, policy, value, audit, limits, dashboard);
    }

    public BridgeConfig withAudit(Audit value) {
        return new BridgeConfig(node, grpc, http, auth, policy, writes, value, limits, dashboard);
    }

    public BridgeConfig withLimits(Limits value) {
        return new BridgeConfig(node, grpc, http, auth, policy, writes, audit, value, dashboard);
    }

    public BridgeConfig withDashboard(Dashboard value) {
        return new BridgeConfig(node, grpc, http, auth, policy, writes, audit, limits, value);
    }

    private static String resolve(Path dir, String path) {
        if (path == null || path.isBlank() || dir == null) {
            return path == null || path.isBlank() ? null : path;
        }
        return dir.resolve(path).normalize().toString();
    }
}
