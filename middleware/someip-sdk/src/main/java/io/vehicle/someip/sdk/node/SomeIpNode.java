package io.vehicle.someip.sdk.node;

import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.runtime.SomeIpServer;
import io.vehicle.someip.sd.SdNode;
import io.vehicle.someip.sd.ServiceDiscovery;
import io.vehicle.someip.sdk.service.ProxyOptions;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SOME/IP node: one SD endpoint, and one server endpoint (UDP and TCP) that its skeletons
 * share (feat_req_someip_732: one port pair per ECU); a second instance of a service gets an endpoint of its own (feat_req_someip_445).
 * Proxies find their services through the node's SD.
 *
 * <p><b>Threads.</b> A node runs on a {@link SomeIpRuntime}: its own (the default, closed with
 * the node) or one shared by several nodes of the process ({@link NodeOptions#withRuntime}), which
 * the node leaves running when it closes. Application callbacks of the node's proxies run on one
 * callback thread the node owns ("someip-callbacks-NAME"), unless the node's or a proxy's
 * {@link ProxyOptions} name another executor; never on the runtime's I/O threads unless asked
 * ({@link ProxyOptions#DIRECT}).
 *
 * <p><b>Ownership.</b> The node closes what it made that is still open when it closes; a proxy or
 * skeleton closed before is forgotten at once.
 */
public final class SomeIpNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SomeIpNode.class);

    private final NodeConfig config;
    private final EndpointOptions endpoints;
    private final SomeIpRuntime runtime;
    private final boolean ownsRuntime;
    /** The node's callback thread, or null when the options give an executor. */
    private final ExecutorService callbackThread;
    private final AtomicReference<Thread> callbackThreadItself = new AtomicReference<>();
    private final ProxyOptions proxyDefaults;
    private final SdNode sd;
    private final SomeIpServer server;
    private final Set<ServiceProxy> proxies = new LinkedHashSet<>();
    /** Open skeletons, each with the endpoint of its own it got as a second instance (or null). */
    private final Map<ServiceSkeleton, SomeIpServer> skeletons = new LinkedHashMap<>();
    private boolean closed;

    private SomeIpNode(NodeConfig config, NodeOptions options) {
        this.config = config;
        // The bounds of the node's file, unless the code gave endpoint options of its own.
        this.endpoints = options.endpoints() != null ? options.endpoints() : config.endpointOptions();
        this.ownsRuntime = options.runtime() == null;
        this.runtime = ownsRuntime
                ? new SomeIpRuntime(config.someip().transport(),
                        Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())))
                : options.runtime();
        ProxyOptions given = options.proxies();
        this.callbackThread = given.callbackExecutor() != null ? null
                : Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "someip-callbacks-" + config.name());
                    thread.setDaemon(true);
                    callbackThreadItself.set(thread);
                    return thread;
                });
        this.proxyDefaults = given.orElse(new ProxyOptions(callbackThread,
                ProxyOptions.DEFAULT_SUBSCRIPTION_TIMEOUT));
        SdNode startedSd = null;
        try {
            startedSd = SdNode.start(runtime, config.sdConfig(), endpoints.traffic());
            this.sd = startedSd;
            this.server = SomeIpServer.start(runtime, config.unicast(), config.someip().udpPort(),
                    config.someip().tcpPort(), endpoints);
        } catch (RuntimeException e) {
            if (startedSd != null) {
                startedSd.closeSilently();
            }
            stopOwnThreads();
            throw e;
        }
        // feat_req_someipsd_872: a peer that rebooted loses its TCP connections to us.
        sd.discovery().onPeerReboot(peer -> server.closeConnectionsFrom(peer.getAddress()));
        server.onSubscriberUnreachable(sd.discovery()::dropSubscribersAt);
    }

    /** A node with the bounds of its configuration (and one counter of endpoint refusals for the node). */
    public static SomeIpNode start(NodeConfig config) {
        return new SomeIpNode(config, NodeOptions.defaults());
    }

    public static SomeIpNode start(NodeConfig config, EndpointOptions endpoints) {
        return new SomeIpNode(config, NodeOptions.defaults().withEndpoints(endpoints));
    }

    /** A node on a runtime shared with other nodes; closing the node leaves the runtime running. */
    public static SomeIpNode start(NodeConfig config, SomeIpRuntime sharedRuntime) {
        return new SomeIpNode(config, NodeOptions.defaults().withRuntime(sharedRuntime));
    }

    public static SomeIpNode start(NodeConfig config, NodeOptions options) {
        return new SomeIpNode(config, options);
    }

    public NodeConfig config() {
        return config;
    }

    public SomeIpRuntime runtime() {
        return runtime;
    }

    public ServiceDiscovery discovery() {
        return sd.discovery();
    }

    public SdNode sd() {
        return sd;
    }

    public SomeIpServer server() {
        return server;
    }

    /** What the node's proxies use where their own options say nothing (all components set). */
    public ProxyOptions proxyDefaults() {
        return proxyDefaults;
    }

    /**
     * Every refusal counter of the node, by name: {@code sd.REASON} ({@link io.vehicle.someip.sd.SdRefusal}),
     * {@code sd.wire.ERROR} and {@code wire.ERROR} (input on the SD and the server sockets that was not
     * SOME/IP, {@link io.vehicle.someip.wire.WireError}), {@code endpoint.REASON}
     * ({@link io.vehicle.someip.transport.EndpointRefusal}, server and proxies alike), and
     * {@code tcp.PEER_RESET}: connections to the server that their peer reset, which is no refusal
     * but what a peer exiting does (counted here, logged at debug only).
     */
    public Map<String, Long> refusals() {
        Map<String, Long> all = new TreeMap<>();
        sd.refusals().snapshot().forEach((reason, n) -> all.put("sd." + reason, n));
        sd.inboundErrors().snapshot().forEach((error, n) -> all.put("sd.wire." + error, n));
        server.inboundErrors().snapshot().forEach((error, n) -> all.put("wire." + error, n));
        endpoints.refusals().snapshot().forEach((reason, n) -> all.put("endpoint." + reason, n));
        all.put("tcp.PEER_RESET", server.inboundErrors().peerResets());
        return all;
    }

    /** Binds a skeleton to this node's endpoint (or its own, for a second instance); not yet offered. */
    public synchronized ServiceSkeleton skeleton(ServiceSkeleton.Builder builder) {
        SomeIpServer own = null;
        SomeIpServer target = server;
        if (server.dispatcher().serves(builder.serviceId())) {
            own = SomeIpServer.start(runtime, config.unicast(), 0, 0, endpoints);
            own.onSubscriberUnreachable(sd.discovery()::dropSubscribersAt);
            target = own;
        }
        ServiceSkeleton skeleton;
        try {
            skeleton = builder.build(target, sd.discovery(), this::forget);
        } catch (RuntimeException e) {
            if (own != null) {
                own.close();
            }
            throw e;
        }
        skeletons.put(skeleton, own);
        return skeleton;
    }

    /** A proxy of a service instance (0xFFFF: any instance) with the node's proxy defaults. */
    public ServiceProxy proxy(int serviceId, int instanceId, int majorVersion) {
        return proxy(serviceId, instanceId, majorVersion, ProxyOptions.defaults());
    }

    /**
     * A proxy of a service instance (0xFFFF: any instance); it connects when SD finds the instance.
     * What {@code options} leave null comes from the node ({@link #proxyDefaults()}).
     */
    public synchronized ServiceProxy proxy(int serviceId, int instanceId, int majorVersion, ProxyOptions options) {
        ServiceProxy proxy = new ServiceProxy(runtime, sd.discovery(), serviceId, instanceId, majorVersion,
                config.someip().clientId(), config.sdConfig().unicastAddress(), endpoints,
                options.orElse(proxyDefaults), this::forget);
        proxies.add(proxy);
        return proxy;
    }

    /** Whether the node still holds (and would close) this proxy or skeleton. */
    synchronized boolean holds(AutoCloseable resource) {
        return proxies.contains(resource) || skeletons.containsKey(resource);
    }

    private synchronized void forget(ServiceProxy proxy) {
        proxies.remove(proxy);
    }

    private synchronized void forget(ServiceSkeleton skeleton) {
        SomeIpServer own = skeletons.remove(skeleton);
        if (own != null) {
            own.close();
        }
    }

    /**
     * Stops like a power cut: sockets close, nothing is sent (no StopOffer). Peers notice through
     * TTL expiry or, when this node comes back, reboot detection.
     */
    public synchronized void crash() {
        if (closed) {
            return;
        }
        closed = true;
        sd.closeSilently();
        server.close();
        skeletons.values().stream().filter(s -> s != null).forEach(SomeIpServer::close);
        stopOwnThreads();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> open = new ArrayList<>(proxies);
        open.addAll(skeletons.keySet());
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close(); // each one tells forget(...)
            } catch (Exception e) {
                LOG.warn("Closing {} failed", open.get(i), e);
            }
        }
        sd.close();
        server.close();
        skeletons.values().stream().filter(s -> s != null).forEach(SomeIpServer::close);
        stopOwnThreads();
    }

    private void stopOwnThreads() {
        if (callbackThread != null) {
            // Queued callbacks of closed listeners only release their messages; let them finish,
            // unless a listener is closing the node (it cannot wait for itself).
            callbackThread.shutdown();
            if (Thread.currentThread() != callbackThreadItself.get()) {
                awaitCallbacks();
            }
        }
        if (ownsRuntime) {
            runtime.close();
        }
    }

    private void awaitCallbacks() {
        try {
            if (!callbackThread.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Callbacks of node {} still running after 2 s", config.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
