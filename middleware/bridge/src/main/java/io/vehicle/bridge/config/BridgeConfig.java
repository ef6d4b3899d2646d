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
 * 127.0.0.1:55555, health and metrics on 127.0.0.1:55556, the SOME/IP node on 127.0.0.1 with SD's default
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
 *   port: 55556                # /health, /ready, /metrics
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
 *   maxConfirmTimeoutMs: 10000
 *   maxWrites: 64
 * audit:
 *   file: bridge-audit.jsonl
 * limits:
 *   maxSubscriptions: 2000
 *   subscriberQueue: 10000
 *   maxBatch: 1000
 * </pre>
 */
public record BridgeConfig(NodeConfig node, Grpc grpc, Http http, Auth auth, PolicySettings policy, Writes writes,
                           Audit audit, Limits limits) {

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
            port = port == null ? 55556 : port;
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
            maxConfirmTimeoutMs = maxConfirmTimeoutMs == null ? 10_000 : maxConfirmTimeoutMs;
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

    public BridgeConfig {
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
        return new BridgeConfig(null, null, null, null, null, null, null, null);
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
                        policy.refreshTimeoutMs()), writes, new Audit(resolve(dir, audit.file())), limits);
    }

    public BridgeConfig withNode(NodeConfig value) {
        return new BridgeConfig(value, grpc, http, auth, policy, writes, audit, limits);
    }

    public BridgeConfig withGrpc(Grpc value) {
        return new BridgeConfig(node, value, http, auth, policy, writes, audit, limits);
    }

    public BridgeConfig withHttp(Http value) {
        return new BridgeConfig(node, grpc, value, auth, policy, writes, audit, limits);
    }

    public BridgeConfig withAuth(Auth value) {
        return new BridgeConfig(node, grpc, http, value, policy, writes, audit, limits);
    }

    public BridgeConfig withPolicy(PolicySettings value) {
        return new BridgeConfig(node, grpc, http, auth, value, writes, audit, limits);
    }

    public BridgeConfig withWrites(Writes value) {
        return new BridgeConfig(node, grpc, http, auth, policy, value, audit, limits);
    }

    public BridgeConfig withAudit(Audit value) {
        return new BridgeConfig(node, grpc, http, auth, policy, writes, value, limits);
    }

    public BridgeConfig withLimits(Limits value) {
        return new BridgeConfig(node, grpc, http, auth, policy, writes, audit, value);
    }

    private static String resolve(Path dir, String path) {
        if (path == null || path.isBlank() || dir == null) {
            return path == null || path.isBlank() ? null : path;
        }
        return dir.resolve(path).normalize().toString();
    }
}
