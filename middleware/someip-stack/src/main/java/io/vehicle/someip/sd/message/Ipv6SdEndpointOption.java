package io.vehicle.someip.sd.message;

import java.net.Inet6Address;

/** IPv6 SD Endpoint Option (feat_req_someipsd_1101, feat_req_someipsd_1103). Never referenced by entries (feat_req_someipsd_1113). */
public record Ipv6SdEndpointOption(Inet6Address address, TransportProtocol protocol, int port) implements EndpointOption {

    public static final int TYPE = 0x26;

    public Ipv6SdEndpointOption {
        EndpointOption.required(address, "address");
        EndpointOption.required(protocol, "protocol");
        EndpointOption.checkPort(port);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
