package io.vehicle.someip.sd;

import io.vehicle.someip.sd.ServiceDiscovery.Endpoints;
import io.vehicle.someip.sd.message.EndpointOption;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.Ipv6EndpointOption;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.TransportProtocol;
import io.vehicle.someip.transport.RefusalCounter;
import java.net.InetSocketAddress;

/**
 * Reads the endpoints an offer or a subscription names and checks them against the allowed
 * subnets (feat_req_someipsd_1135): an entry naming an address outside them is refused as a whole,
 * counted as {@link SdRefusal#ENDPOINT_NOT_ALLOWED} and logged at a bounded rate.
 */
final class EndpointCheck {

    private final AddressFilter allowed;
    private final RefusalCounter<SdRefusal> refusals;

    EndpointCheck(AddressFilter allowed, RefusalCounter<SdRefusal> refusals) {
        this.allowed = allowed;
        this.refusals = refusals;
    }

    /**
     * The UDP and TCP endpoints of the entry's IPv4 and IPv6 Endpoint Options (null where there is
     * none), or null when one of them lies outside the allowed subnets.
     */
    Endpoints named(SdEntry entry, InetSocketAddress sender) {
        InetSocketAddress udp = null;
        InetSocketAddress tcp = null;
        for (EndpointOption option : entry.endpoints(EndpointOption.class)) {
            if (!(option instanceof Ipv4EndpointOption) && !(option instanceof Ipv6EndpointOption)) {
                continue;
            }
            if (!allowed.allows(option.address())) {
                refusals.record(sender, SdRefusal.ENDPOINT_NOT_ALLOWED, entry.getClass().getSimpleName()
                        + " naming endpoint " + option.address() + ", outside the allowed subnets");
                return null;
            }
            InetSocketAddress address = new InetSocketAddress(option.address(), option.port());
            if (option.protocol() == TransportProtocol.UDP) {
                udp = address;
            } else {
                tcp = address;
            }
        }
        return new Endpoints(udp, tcp);
    }
}
