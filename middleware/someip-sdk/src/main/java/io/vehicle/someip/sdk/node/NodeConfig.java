package io.vehicle.someip.sdk.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.sd.SdConfig;
import io.vehicle.someip.sd.SdLimits;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.SdTrust;
import io.vehicle.someip.tp.TpReassemblerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One node's configuration, from one YAML or JSON file: unicast address, SOME/IP ports and client
 * id, SD port, group, timings, allowed subnets and whom SD believes, the bounds that hold against a
 * hostile peer, and the services it offers and requires. Every field has a default that works on
 * one machine: loopback, the spec's SD port and group; docs/examples/node.yaml shows them all and
 * docs/security.md says what each bound and check does.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record NodeConfig(String name, String unicast, SomeIp someip, Sd sd, List<ServiceRef> offered,
                         List<ServiceRef> required, Limits limits) {

    /**
     * SOME/IP endpoints of the node: ports (0 picks a free one), the client id of its proxies, and
     * the Netty transport: auto (NIO, measured fastest here; epoll, io_uring when named), io_uring, epoll or nio; a named
     * one that is unavailable falls back to the next, with a warning in the log.
     */
    public record SomeIp(int udpPort, int tcpPort, int clientId, String transport) {
        public SomeIp {
            transport = transport == null ? "auto" : transport;
            io.vehicle.someip.transport.NettyTransport.parse(transport); // a typo fails where the file is read
        }

        public SomeIp(int udpPort, int tcpPort, int clientId) {
            this(udpPort, tcpPort, clientId, null);
        }
    }

    /**
     * Service discovery settings; the last three say whom SD believes ({@link SdTrust}): an SD
     * Endpoint Option naming another node than the datagram's source, endpoint options off the
     * sender's address, and the providers a service is pinned to.
     */
    public record Sd(int port, String multicast, SdTimings timings, List<String> allowedSubnets,
                     boolean trustSdEndpointOption, boolean acceptForeignEndpoints,
                     List<AllowedProvider> allowedProviders) {

        public Sd(int port, String multicast, SdTimings timings, List<String> allowedSubnets) {
            this(port, multicast, timings, allowedSubnets, false, false, null);
        }

        SdTrust trust() {
            return new SdTrust(trustSdEndpointOption, acceptForeignEndpoints, allowedProviders == null ? List.of()
                    : allowedProviders.stream().map(AllowedProvider::toTrust).toList());
        }
    }

    /** A provider a service is pinned to: its SD address, and port (0 or absent: any); instance 0xFFFF: any. */
    public record AllowedProvider(int service, Integer instance, String address, Integer port) {

        SdTrust.AllowedProvider toTrust() {
            return new SdTrust.AllowedProvider(service, instance == null ? 0xFFFF : instance, SdConfig.ipv4(address),
                    port == null ? 0 : port);
        }
    }

    /**
     * Bounds against a misbehaving or hostile peer; each key left out keeps its default (in
     * brackets). See docs/security.md.
     *
     * @param subscribersPerEventgroup remote subscribers of one eventgroup [16]
     * @param subscribers              remote subscribers in all [1024]
     * @param sdPeers                  senders whose SD state is kept [1024]
     * @param sdPeerIdleSeconds        a sender holding nothing is forgotten this long after its last message [30]
     * @param remoteServices           remote service instances remembered [1024]
     * @param tpReassembliesPerSender  SOME/IP-TP messages reassembled at once per sender address and port [4]
     * @param tpReassembliesPerHost    ... per sender address [8]
     * @param tpReassemblies           ... in all [64]
     * @param tpMaxMessageBytes        largest payload a SOME/IP-TP message may reassemble to [131072]
     * @param tpReassemblyTimeoutMillis a SOME/IP-TP message not complete this long after its first segment is
     *                                 discarded [2000]
     * @param tcpConnections           TCP connections to the node's servers in all [128]
     * @param tcpConnectionsPerHost    ... per remote address [32]
     * @param tcpIdleTimeoutSeconds    a TCP connection with no traffic this long is closed, 0 never [300]
     * @param tcpFrameTimeoutSeconds   a TCP connection holding a partial message this long is closed, 0 never [10]
     * @param tcpMaxMessageBytes       largest message (and partial message buffered) per TCP connection [1048576]
     * @param tcpBufferedBytes         partial messages all TCP connections may buffer together [33554432]
     * @param udpMaxMessageBytes       largest UDP message without SOME/IP-TP [1416]
     * @param subscriberQueueBytes     events queued per subscriber before further ones are dropped [65536]
     */
    public record Limits(Integer subscribersPerEventgroup, Integer subscribers, Integer sdPeers,
                         Integer sdPeerIdleSeconds, Integer remoteServices, Integer tpReassembliesPerSender,
                         Integer tpReassembliesPerHost, Integer tpReassemblies, Integer tpMaxMessageBytes,
                         Integer tpReassemblyTimeoutMillis, Integer tcpConnections,
                         Integer tcpConnectionsPerHost, Integer tcpIdleTimeoutSeconds, Integer tcpFrameTimeoutSeconds,
                         Integer tcpMaxMessageBytes, Integer tcpBufferedBytes, Integer udpMaxMessageBytes,
                         Integer subscriberQueueBytes) {

        static Limits defaults() {
            SdLimits sd = SdLimits.defaults();
            EndpointOptions endpoints = EndpointOptions.defaults();
            TpReassemblerConfig tp = endpoints.tpReassembly();
            EndpointOptions.TcpLimits tcp = endpoints.tcp();
            return new Limits(sd.maxSubscribersPerEventgroup(), sd.maxSubscribers(), sd.maxPeers(),
                    (int) (sd.peerIdleMillis() / 1000), sd.maxRemoteServices(), tp.maxReassembliesPerPeer(),
                    tp.maxReassembliesPerHost(), tp.maxReassemblies(), tp.maxMessageSize(),
                    (int) tp.timeout().toMillis(), tcp.maxConnections(),
                    tcp.maxConnectionsPerHost(), (int) (tcp.idleTimeoutMillis() / 1000),
                    (int) (tcp.frameTimeoutMillis() / 1000), endpoints.maxTcpMessageSize(),
                    (int) tcp.maxBufferedBytes(), endpoints.maxUdpMessageSize(), endpoints.subscriberQueueBytes());
        }

        /** This, with each key left out taken from {@code base}. */
        Limits over(Limits base) {
            return new Limits(or(subscribersPerEventgroup, base.subscribersPerEventgroup), or(subscribers, base.subscribers),
                    or(sdPeers, base.sdPeers), or(sdPeerIdleSeconds, base.sdPeerIdleSeconds),
                    or(remoteServices, base.remoteServices), or(tpReassembliesPerSender, base.tpReassembliesPerSender),
                    or(tpReassembliesPerHost, base.tpReassembliesPerHost), or(tpReassemblies, base.tpReassemblies),
                    or(tpMaxMessageBytes, base.tpMaxMessageBytes),
                    or(tpReassemblyTimeoutMillis, base.tpReassemblyTimeoutMillis),
                    or(tcpConnections, base.tcpConnections), or(tcpConnectionsPerHost, base.tcpConnectionsPerHost),
                    or(tcpIdleTimeoutSeconds, base.tcpIdleTimeoutSeconds),
                    or(tcpFrameTimeoutSeconds, base.tcpFrameTimeoutSeconds),
                    or(tcpMaxMessageBytes, base.tcpMaxMessageBytes), or(tcpBufferedBytes, base.tcpBufferedBytes),
                    or(udpMaxMessageBytes, base.udpMaxMessageBytes),
                    or(subscriberQueueBytes, base.subscriberQueueBytes));
        }

        private static Integer or(Integer value, Integer fallback) {
            return value == null ? fallback : value;
        }

        SdLimits sd() {
            return new SdLimits(subscribersPerEventgroup, subscribers, sdPeers, sdPeerIdleSeconds * 1000L,
                    remoteServices);
        }
    }

    /** A service instance by ids (instance 0xFFFF: any; major 0xFF: any). */
    public record ServiceRef(int service, int instance, int major) {
    }

    public NodeConfig {
        name = name == null ? "node" : name;
        unicast = unicast == null ? "127.0.0.1" : unicast;
        someip = someip == null ? new SomeIp(0, 0, 0x0100) : someip;
        sd = sd == null ? new Sd(SdConfig.DEFAULT_PORT, SdConfig.DEFAULT_GROUP, SdTimings.defaults(),
                List.of("127.0.0.0/8")) : sd;
        sd = new Sd(sd.port() == 0 ? SdConfig.DEFAULT_PORT : sd.port(),
                sd.multicast() == null ? SdConfig.DEFAULT_GROUP : sd.multicast(),
                sd.timings() == null ? SdTimings.defaults() : sd.timings(),
                sd.allowedSubnets() == null ? List.of(unicast.startsWith("127.") ? "127.0.0.0/8" : unicast + "/24")
                        : sd.allowedSubnets(), sd.trustSdEndpointOption(), sd.acceptForeignEndpoints(),
                sd.allowedProviders() == null ? List.of() : List.copyOf(sd.allowedProviders()));
        // Checked here, not first when the node starts, so a bad file fails where it is loaded.
        if (!SdConfig.ipv4(sd.multicast()).isMulticastAddress()) {
            throw new IllegalArgumentException("sd.multicast: " + sd.multicast() + " is not a multicast address");
        }
        offered = offered == null ? List.of() : List.copyOf(offered);
        required = required == null ? List.of() : List.copyOf(required);
        limits = limits == null ? Limits.defaults() : limits.over(Limits.defaults());
        // Checked here too, so a bad bound fails where the file is loaded.
        limits.sd();
        endpointOptions(limits);
        sd.trust();
    }

    public NodeConfig(String name, String unicast, SomeIp someip, Sd sd, List<ServiceRef> offered,
                      List<ServiceRef> required) {
        this(name, unicast, someip, sd, offered, required, null);
    }

    public static NodeConfig defaults() {
        return new NodeConfig(null, null, null, null, null, null, null);
    }

    /** Reads a .yaml/.yml or .json file; unknown keys are an error, so typos do not pass silently. */
    public static NodeConfig load(Path file) throws IOException {
        String name = file.getFileName().toString();
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper.readValue(file.toFile(), NodeConfig.class);
    }

    public SdConfig sdConfig() {
        return new SdConfig(SdConfig.ipv4(unicast), sd.port(), SdConfig.ipv4(sd.multicast()), sd.timings(),
                sd.allowedSubnets(), limits.sd(), sd.trust());
    }

    /**
     * The settings of the node's SOME/IP endpoints with this file's bounds, and one counter of what
     * they refuse for the whole node.
     */
    public EndpointOptions endpointOptions() {
        return endpointOptions(limits);
    }

    private static EndpointOptions endpointOptions(Limits limits) {
        EndpointOptions defaults = EndpointOptions.defaults();
        return defaults.withMaxTcpMessageSize(limits.tcpMaxMessageBytes())
                .withMaxUdpMessageSize(limits.udpMaxMessageBytes())
                .withSubscriberQueueBytes(limits.subscriberQueueBytes())
                .withTp(defaults.tpSegmentPayload(), defaults.tpReassembly().withMaxReassemblies(
                        limits.tpReassembliesPerSender(), limits.tpReassembliesPerHost(), limits.tpReassemblies())
                        .withMaxMessageSize(limits.tpMaxMessageBytes())
                        .withTimeout(java.time.Duration.ofMillis(limits.tpReassemblyTimeoutMillis())))
                .withTcp(new EndpointOptions.TcpLimits(limits.tcpConnections(), limits.tcpConnectionsPerHost(),
                        limits.tcpIdleTimeoutSeconds() * 1000L, limits.tcpFrameTimeoutSeconds() * 1000L,
                        limits.tcpBufferedBytes()));
    }

    public NodeConfig withUnicast(String address) {
        return new NodeConfig(name, address, someip, new Sd(sd.port(), sd.multicast(), sd.timings(), null,
                sd.trustSdEndpointOption(), sd.acceptForeignEndpoints(), sd.allowedProviders()), offered, required,
                limits);
    }

    public NodeConfig withSd(int port, SdTimings timings) {
        return new NodeConfig(name, unicast, someip, new Sd(port, sd.multicast(), timings, sd.allowedSubnets(),
                sd.trustSdEndpointOption(), sd.acceptForeignEndpoints(), sd.allowedProviders()), offered, required,
                limits);
    }

    /** The same node on another Netty transport (auto, io_uring, epoll, nio). */
    public NodeConfig withTransport(String transport) {
        return new NodeConfig(name, unicast, new SomeIp(someip.udpPort(), someip.tcpPort(), someip.clientId(), transport),
                sd, offered, required, limits);
    }

    public NodeConfig withLimits(Limits value) {
        return new NodeConfig(name, unicast, someip, sd, offered, required, value);
    }
}
