package io.vehicle.someip.sd.message;

import java.net.Inet4Address;

/** IPv4 SD Endpoint Option (feat_req_someipsd_1085, feat_req_someipsd_1087): the sender's SD address, used instead of the datagram source (feat_req_someipsd_1084). Never referenced by entries (feat_req_someipsd_1114); it belongs in {@link SdMessage#options()} first (feat_req_someipsd_1151). */
public record Ipv4SdEndpointOption(Inet4Address address, TransportProtocol protocol, int port) implements EndpointOption {

    public static final int TYPE = 0x24;

    public Ipv4SdEndpointOption {
        EndpointOption.required(address, "address");
        EndpointOption.required(protocol, "protocol");
        EndpointOption.checkPort(port);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
