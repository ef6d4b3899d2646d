package io.vehicle.someip.sd.message;

import java.net.Inet6Address;

/** IPv6 Endpoint Option (feat_req_someipsd_140, feat_req_someipsd_164). */
public record Ipv6EndpointOption(Inet6Address address, TransportProtocol protocol, int port) implements EndpointOption {

    public static final int TYPE = 0x06;

    public Ipv6EndpointOption {
        EndpointOption.required(address, "address");
        EndpointOption.required(protocol, "protocol");
        EndpointOption.checkPort(port);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
