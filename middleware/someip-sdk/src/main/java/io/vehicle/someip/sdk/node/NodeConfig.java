package io.vehicle.someip.sdk.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vehicle.someip.sd.SdConfig;
import io.vehicle.someip.sd.SdTimings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One node's configuration, from one YAML or JSON file: unicast address, SOME/IP ports and client
 * id, SD port, group, timings and allowed subnets, and the services it offers and requires. Every
 * field has a default that works on one machine: loopback, the spec's SD port and group.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record NodeConfig(String name, String unicast, SomeIp someip, Sd sd, List<ServiceRef> offered,
                         List<ServiceRef> required) {

    /** SOME/IP endpoints of the node: ports (0 picks a free one) and the client id of its proxies. */
    public record SomeIp(int udpPort, int tcpPort, int clientId) {
    }

    /** Service discovery settings. */
    public record Sd(int port, String multicast, SdTimings timings, List<String> allowedSubnets) {
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
                        : sd.allowedSubnets());
        // Checked here, not first when the node starts, so a bad file fails where it is loaded.
        if (!SdConfig.ipv4(sd.multicast()).isMulticastAddress()) {
            throw new IllegalArgumentException("sd.multicast: " + sd.multicast() + " is not a multicast address");
        }
        offered = offered == null ? List.of() : List.copyOf(offered);
        required = required == null ? List.of() : List.copyOf(required);
    }

    public static NodeConfig defaults() {
        return new NodeConfig(null, null, null, null, null, null);
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
                sd.allowedSubnets());
    }

    public NodeConfig withUnicast(String address) {
        return new NodeConfig(name, address, someip, new Sd(sd.port(), sd.multicast(), sd.timings(), null), offered,
                required);
    }

    public NodeConfig withSd(int port, SdTimings timings) {
        return new NodeConfig(name, unicast, someip, new Sd(port, sd.multicast(), timings, sd.allowedSubnets()),
                offered, required);
    }
}
