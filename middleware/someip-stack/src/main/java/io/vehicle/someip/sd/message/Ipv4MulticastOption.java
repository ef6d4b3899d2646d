package io.vehicle.someip.sd.message;

import java.net.Inet4Address;

/** IPv4 Multicast Option (feat_req_someipsd_723, feat_req_someipsd_725): the group a server sends multicast events to. */
public record Ipv4MulticastOption(Inet4Address address, TransportProtocol protocol, int port) implements EndpointOption {

    public static final int TYPE = 0x14;

    public Ipv4MulticastOption {
        EndpointOption.required(address, "address");
        EndpointOption.required(protocol, "protocol");
        EndpointOption.checkPort(port);
        // feat_req_someipsd_725, feat_req_someipsd_749: multicast is UDP only; feat_req_someipsd_102: the address must be multicast.
        if (protocol != TransportProtocol.UDP) {
            throw new IllegalArgumentException("multicast option with L4 protocol " + protocol + ", only UDP is defined");
        }
        if (!address.isMulticastAddress()) {
            throw new IllegalArgumentException("multicast option with non-multicast address " + address.getHostAddress());
        }
    }

    @Override
    public int type() {
        return TYPE;
    }
}
