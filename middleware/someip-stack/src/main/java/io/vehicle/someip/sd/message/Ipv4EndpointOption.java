package io.vehicle.someip.sd.message;

import java.net.Inet4Address;

/** IPv4 Endpoint Option (feat_req_someipsd_127, feat_req_someipsd_129): where a server serves a service or a client wants its events. */
public record Ipv4EndpointOption(Inet4Address address, TransportProtocol protocol, int port) implements EndpointOption {

    public static final int TYPE = 0x04;

    public Ipv4EndpointOption {
        EndpointOption.required(address, "address");
        EndpointOption.required(protocol, "protocol");
        EndpointOption.checkPort(port);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
