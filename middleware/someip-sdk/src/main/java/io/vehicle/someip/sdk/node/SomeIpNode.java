package io.vehicle.someip.sdk.node;

import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.runtime.SomeIpServer;
import io.vehicle.someip.sd.SdNode;
import io.vehicle.someip.sd.ServiceDiscovery;
import java.util.ArrayList;
import java.util.List;

/**
 * One SOME/IP node: event loops, one SD endpoint, and one server endpoint (UDP and TCP) that its
 * skeletons share (feat_req_someip_732: one port pair per ECU); a second instance of a service gets
 * an endpoint of its own (feat_req_someip_445). Proxies find their services through the node's SD.
 */
public final class SomeIpNode implements AutoCloseable {

    private final NodeConfig config;
    private final EndpointOptions options;
    private final SomeIpRuntime runtime;
    private final SdNode sd;
    private final SomeIpServer server;
    private final List<SomeIpServer> extraServers = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();

    private SomeIpNode(NodeConfig config, EndpointOptions options) {
        this.config = config;
        this.options = options;
        this.runtime = new SomeIpRuntime(config.someip().transport(),
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        try {
            this.sd = SdNode.start(runtime, config.sdConfig());
            this.server = SomeIpServer.start(runtime, config.unicast(), config.someip().udpPort(),
                    config.someip().tcpPort(), options);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        // feat_req_someipsd_872: a peer that rebooted loses its TCP connections to us.
        sd.discovery().onPeerReboot(peer -> server.closeConnectionsFrom(peer.getAddress()));
        server.onSubscriberUnreachable(sd.discovery()::dropSubscribersAt);
    }

    /** A node with the bounds of its configuration (and one counter of endpoint refusals). */
    public static SomeIpNode start(NodeConfig config) {
        return new SomeIpNode(config, config.endpointOptions());
    }

    public static SomeIpNode start(NodeConfig config, EndpointOptions options) {
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

    /**
     * Every refusal counter of the node, by name: {@code sd.REASON} ({@link io.vehicle.someip.sd.SdRefusal}),
     * {@code sd.wire.ERROR} and {@code wire.ERROR} (input on the SD and the server sockets that was not
     * SOME/IP, {@link io.vehicle.someip.wire.WireError}), {@code endpoint.REASON}
     * ({@link io.vehicle.someip.transport.EndpointRefusal}, server and proxies alike).
     */
    public java.util.Map<String, Long> refusals() {
        java.util.Map<String, Long> all = new java.util.TreeMap<>();
        sd.refusals().snapshot().forEach((reason, n) -> all.put("sd." + reason, n));
        sd.inboundErrors().snapshot().forEach((error, n) -> all.put("sd.wire." + error, n));
        server.inboundErrors().snapshot().forEach((error, n) -> all.put("wire." + error, n));
        options.refusals().snapshot().forEach((reason, n) -> all.put("endpoint." + reason, n));
        return all;
    }

    /** Binds a skeleton to this node's endpoint (or its own, for a second instance); not yet offered. */
    public synchronized ServiceSkeleton skeleton(ServiceSkeleton.Builder builder) {
        SomeIpServer target = server;
        if (server.dispatcher().serves(builder.serviceId())) {
            target = SomeIpServer.start(runtime, config.unicast(), 0, 0, options);
            target.onSubscriberUnreachable(sd.discovery()::dropSubscribersAt);
            extraServers.add(target);
        }
        ServiceSkeleton skeleton = builder.build(target, sd.discovery());
        owned.add(skeleton);
        return skeleton;
    }

    /** A proxy of a service instance (0xFFFF: any instance); it connects when SD finds the instance. */
    public synchronized ServiceProxy proxy(int serviceId, int instanceId, int majorVersion) {
        ServiceProxy proxy = new ServiceProxy(runtime, sd.discovery(), serviceId, instanceId, majorVersion,
                config.someip().clientId(), config.sdConfig().unicastAddress(), options);
        owned.add(proxy);
        return proxy;
    }

    /**
     * Stops like a power cut: sockets close, nothing is sent (no StopOffer). Peers notice through
     * TTL expiry or, when this node comes back, reboot detection.
     */
    public synchronized void crash() {
        sd.closeSilently();
        server.close();
        extraServers.forEach(SomeIpServer::close);
        runtime.close();
    }

    @Override
    public synchronized void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        sd.close();
        server.close();
        extraServers.forEach(SomeIpServer::close);
        runtime.close();
    }
}
