package io.vehicle.someip.sd;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where a node runs SD: its unicast address, the SD port and multicast group (default
 * 224.224.224.245:30490), the timings, the subnets endpoint options may name, the bounds of what
 * it keeps for other nodes and whom it believes (docs/security.md).
 */
public record SdConfig(Inet4Address unicastAddress, int port, Inet4Address multicastGroup, SdTimings timings,
                       List<String> allowedSubnets, SdLimits limits, SdTrust trust) {

    public static final int DEFAULT_PORT = 30490;
    public static final String DEFAULT_GROUP = "224.224.224.245";

    public SdConfig {
        if (!multicastGroup.isMulticastAddress()) {
            throw new IllegalArgumentException(multicastGroup.getHostAddress() + " is not a multicast address");
        }
        allowedSubnets = List.copyOf(allowedSubnets);
        limits = limits == null ? SdLimits.defaults() : limits;
        trust = trust == null ? SdTrust.defaults() : trust;
    }

    /** Default bounds and trust. */
    public SdConfig(Inet4Address unicastAddress, int port, Inet4Address multicastGroup, SdTimings timings,
                    List<String> allowedSubnets) {
        this(unicastAddress, port, multicastGroup, timings, allowedSubnets, null, null);
    }

    /** SD on a loopback address with default port, group and timings, accepting loopback endpoints. */
    public static SdConfig loopback(String address, SdTimings timings) {
        return new SdConfig(ipv4(address), DEFAULT_PORT, ipv4(DEFAULT_GROUP), timings, List.of("127.0.0.0/8"));
    }

    public SdConfig withPort(int value) {
        return new SdConfig(unicastAddress, value, multicastGroup, timings, allowedSubnets, limits, trust);
    }

    public static Inet4Address ipv4(String literal) {
        try {
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet4Address v4) {
                return v4;
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + literal, e);
        }
        throw new IllegalArgumentException("not an IPv4 address: " + literal);
    }
}
