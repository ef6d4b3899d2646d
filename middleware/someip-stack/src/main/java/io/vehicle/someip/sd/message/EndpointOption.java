package io.vehicle.someip.sd.message;

import java.net.InetAddress;

/**
 * The six options that carry an IP address, an L4 protocol and a port: unicast endpoints
 * (feat_req_someipsd_129, _164), multicast endpoints (feat_req_someipsd_725, _739) and the
 * sender's SD endpoint (feat_req_someipsd_1087, _1103). All have the same layout after the address.
 */
public sealed interface EndpointOption extends SdOption
        permits Ipv4EndpointOption, Ipv6EndpointOption, Ipv4MulticastOption, Ipv6MulticastOption,
        Ipv4SdEndpointOption, Ipv6SdEndpointOption {

    InetAddress address();

    TransportProtocol protocol();

    int port();

    static int checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        return port;
    }

    static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }
}
