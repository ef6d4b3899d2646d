package io.vehicle.someip.sdk.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.sd.SdConfig;
import io.vehicle.someip.sd.SdLimits;
import io.vehicle.someip.sd.SdTrust;
import io.vehicle.someip.sd.SdTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a node's YAML or JSON configuration: the documented example, defaults, and clear errors. */
class NodeConfigTest {

    @TempDir
    Path dir;

    static Path example() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("docs/examples/node.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/examples/node.yaml not found");
    }

    Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    @DisplayName("the documented example docs/examples/node.yaml loads with every value it shows")
    void documentedExampleLoads() throws IOException {
        NodeConfig config = NodeConfig.load(example());
        assertThat(config.name()).isEqualTo("climate-ecu");
        assertThat(config.someip()).isEqualTo(new NodeConfig.SomeIp(30501, 30501, 0x0100));
        assertThat(config.sd().timings()).isEqualTo(SdTimings.defaults());
        assertThat(config.offered()).containsExactly(new NodeConfig.ServiceRef(0x1001, 1, 1));
        assertThat(config.required()).containsExactly(new NodeConfig.ServiceRef(0x1002, 0xFFFF, 0xFF));
        SdConfig sd = config.sdConfig();
        assertThat(sd.port()).isEqualTo(30490);
        assertThat(sd.multicastGroup().getHostAddress()).isEqualTo("224.224.224.245");
        assertThat(sd.allowedSubnets()).containsExactly("127.0.0.0/8");
        // The example shows every bound at its default, and one pinned provider.
        assertThat(sd.limits()).isEqualTo(SdLimits.defaults());
        assertThat(sd.trust().sdEndpointOptionTrusted()).isFalse();
        assertThat(sd.trust().foreignEndpointsAccepted()).isFalse();
        assertThat(sd.trust().allowedProviders()).containsExactly(new SdTrust.AllowedProvider(0x1002, 0xFFFF,
                SdConfig.ipv4("127.0.0.2"), 30490));
        EndpointOptions endpoints = config.endpointOptions();
        EndpointOptions defaults = EndpointOptions.defaults();
        assertThat(endpoints.tcp()).isEqualTo(defaults.tcp());
        assertThat(endpoints.tpReassembly()).isEqualTo(defaults.tpReassembly());
        assertThat(endpoints.maxTcpMessageSize()).isEqualTo(defaults.maxTcpMessageSize());
        assertThat(endpoints.maxUdpMessageSize()).isEqualTo(defaults.maxUdpMessageSize());
        assertThat(endpoints.subscriberQueueBytes()).isEqualTo(defaults.subscriberQueueBytes());
    }

    @Test
    @DisplayName("each bound of the limits section reaches the SD or endpoint setting it names; keys left out keep "
            + "their defaults")
    void limitsReachTheirSettings() throws IOException {
        NodeConfig config = NodeConfig.load(write("limits.yaml", """
                limits:
                  subscribersPerEventgroup: 3
                  subscribers: 30
                  sdPeers: 100
                  sdPeerIdleSeconds: 5
                  remoteServices: 50
                  tpReassembliesPerSender: 2
                  tpReassembliesPerHost: 3
                  tpReassemblies: 10
                  tpMaxMessageBytes: 300000
                  tpReassemblyTimeoutMillis: 500
                  tcpConnections: 20
                  tcpConnectionsPerHost: 2
                  tcpIdleTimeoutSeconds: 60
                  tcpFrameTimeoutSeconds: 4
                  tcpMaxMessageBytes: 65536
                  tcpBufferedBytes: 1000000
                  udpMaxMessageBytes: 1500
                """));
        assertThat(config.sdConfig().limits()).isEqualTo(new SdLimits(3, 30, 100, 5_000, 50));
        EndpointOptions endpoints = config.endpointOptions();
        assertThat(endpoints.tpReassembly().maxReassembliesPerPeer()).isEqualTo(2);
        assertThat(endpoints.tpReassembly().maxReassembliesPerHost()).isEqualTo(3);
        assertThat(endpoints.tpReassembly().maxReassemblies()).isEqualTo(10);
        assertThat(endpoints.tpReassembly().maxMessageSize()).isEqualTo(300_000);
        assertThat(endpoints.tpReassembly().timeout()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(endpoints.tpReassembly().rejectConflictingOverlap()).as("not a key: the default")
                .isEqualTo(EndpointOptions.defaults().tpReassembly().rejectConflictingOverlap());
        assertThat(endpoints.tcp()).isEqualTo(new EndpointOptions.TcpLimits(20, 2, 60_000, 4_000, 1_000_000));
        assertThat(endpoints.tcpBuffers().limit()).isEqualTo(1_000_000);
        assertThat(endpoints.maxTcpMessageSize()).isEqualTo(65536);
        assertThat(endpoints.maxUdpMessageSize()).isEqualTo(1500);
        assertThat(endpoints.subscriberQueueBytes()).as("left out").isEqualTo(EndpointOptions.DEFAULT_SUBSCRIBER_QUEUE_BYTES);
    }

    @Test
    @DisplayName("a bound that contradicts another is rejected when the file is loaded, naming the rule")
    void contradictoryBoundIsRejected() throws IOException {
        Path file = write("bounds.yaml", "limits:\n  subscribersPerEventgroup: 50\n  subscribers: 10\n");
        assertThatThrownBy(() -> NodeConfig.load(file))
                .hasMessageContaining("need 1 <= maxSubscribersPerEventgroup <= maxSubscribers");
        Path tcp = write("tcp.yaml", "limits:\n  tcpConnectionsPerHost: 0\n");
        assertThatThrownBy(() -> NodeConfig.load(tcp)).hasMessageContaining("maxConnectionsPerHost");
        Path tpTimeout = write("tp-timeout.yaml", "limits:\n  tpReassemblyTimeoutMillis: 0\n");
        assertThatThrownBy(() -> NodeConfig.load(tpTimeout)).hasMessageContaining("timeout must be positive");
        Path tpSize = write("tp-size.yaml", "limits:\n  tpMaxMessageBytes: -1\n");
        assertThatThrownBy(() -> NodeConfig.load(tpSize)).hasMessageContaining("maxMessageSize must not be negative");
    }

    @Test
    @DisplayName("JSON loads like YAML")
    void jsonLoads() throws IOException {
        NodeConfig config = NodeConfig.load(write("node.json", """
                {"name": "gateway", "unicast": "127.0.0.2", "sd": {"port": 30491},
                 "required": [{"service": 4097, "instance": 65535, "major": 255}]}
                """));
        assertThat(config.name()).isEqualTo("gateway");
        assertThat(config.sdConfig().unicastAddress().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(config.sd().port()).isEqualTo(30491);
        assertThat(config.sd().multicast()).isEqualTo(SdConfig.DEFAULT_GROUP);
        assertThat(config.required()).containsExactly(new NodeConfig.ServiceRef(0x1001, 0xFFFF, 0xFF));
    }

    @Test
    @DisplayName("an empty file and NodeConfig.defaults() give loopback and 224.224.224.245:30490")
    void defaultsRunOnOneMachine() throws IOException {
        for (NodeConfig config : List.of(NodeConfig.defaults(), NodeConfig.load(write("empty.yaml", "name: n\n")))) {
            SdConfig sd = config.sdConfig();
            assertThat(sd.unicastAddress().isLoopbackAddress()).isTrue();
            assertThat(sd.multicastGroup().getHostAddress()).isEqualTo("224.224.224.245");
            assertThat(sd.port()).isEqualTo(30490);
            assertThat(sd.timings()).isEqualTo(SdTimings.defaults());
            assertThat(sd.allowedSubnets()).containsExactly("127.0.0.0/8");
            assertThat(config.offered()).isEmpty();
        }
    }

    @Test
    @DisplayName("an unknown key is an error that names the key")
    void unknownKeyIsRejected() throws IOException {
        Path file = write("typo.yaml", "name: n\nsd:\n  multicst: 239.0.0.1\n");
        assertThatThrownBy(() -> NodeConfig.load(file)).hasMessageContaining("multicst");
    }

    @Test
    @DisplayName("a negative delay is rejected with the timing rule it breaks")
    void negativeDelayIsRejected() throws IOException {
        Path file = write("negative.yaml", timings("initialDelayMinMs: -5"));
        assertThatThrownBy(() -> NodeConfig.load(file)).hasMessageContaining("INITIAL_DELAY needs 0 <= min <= max");
        Path cyclic = write("cyclic.yaml", timings("cyclicOfferDelayMs: -1"));
        assertThatThrownBy(() -> NodeConfig.load(cyclic)).hasMessageContaining("must not be negative");
    }

    @Test
    @DisplayName("a TTL of 0 is rejected (TTL 0 means Stop, feat_req_someipsd_262)")
    void zeroTtlIsRejected() throws IOException {
        Path file = write("ttl.yaml", timings("offerTtlSeconds: 0"));
        assertThatThrownBy(() -> NodeConfig.load(file)).hasMessageContaining("TTLs must be 1..0xFFFFFF seconds");
    }

    @Test
    @DisplayName("an SD group that is not a multicast address is rejected when the file is loaded")
    void nonMulticastGroupIsRejected() throws IOException {
        Path file = write("group.yaml", "sd:\n  multicast: 10.0.0.1\n");
        assertThatThrownBy(() -> NodeConfig.load(file)).hasMessageContaining("10.0.0.1 is not a multicast address");
    }

    /** A timings block with the defaults, one line replaced. */
    static String timings(String replacement) {
        String key = replacement.substring(0, replacement.indexOf(':'));
        StringBuilder yaml = new StringBuilder("sd:\n  timings:\n");
        for (String line : List.of("initialDelayMinMs: 10", "initialDelayMaxMs: 100", "repetitionsBaseDelayMs: 100",
                "repetitionsMax: 3", "cyclicOfferDelayMs: 1000", "requestResponseDelayMinMs: 10",
                "requestResponseDelayMaxMs: 50", "offerTtlSeconds: 3", "subscribeTtlSeconds: 3")) {
            yaml.append("    ").append(line.startsWith(key + ":") ? replacement : line).append('\n');
        }
        return yaml.toString();
    }
}
