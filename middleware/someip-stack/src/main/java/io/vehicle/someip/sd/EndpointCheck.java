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
 * counted as {@link SdRefusal#ENDPOINT_NOT_ALLOWED} and logged at a bounded rate. Unless
 * {@link SdTrust#foreignEndpointsAccepted()}, an endpoint must also lie on the sender's own address
 * ({@link SdRefusal#ENDPOINT_NOT_SENDER}): a host may offer its own services and have events sent
 * to itself, never direct them at another host.
 */
final class EndpointCheck {

    private final AddressFilter allowed;
    private final boolean foreignAccepted;
    private final RefusalCounter<SdRefusal> refusals;

    /** Endpoints on the sender's address only. */
    EndpointCheck(AddressFilter allowed, RefusalCounter<SdRefusal> refusals) {
        this(allowed, false, refusals);
    }

    EndpointCheck(AddressFilter allowed, boolean foreignAccepted, RefusalCounter<SdRefusal> refusals) {
        this.allowed = allowed;
        this.foreignAccepted = foreignAccepted;
        this.refusals = refusals;
    }

    /**
     * The UDP and TCP endpoints of the entry's IPv4 and IPv6 Endpoint Options (null where there is
     * none), or null when one of them lies outside the allowed subnets or off the sender's address.
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
            if (!foreignAccepted && !option.address().equals(sender.getAddress())) {
                refusals.record(sender, SdRefusal.ENDPOINT_NOT_SENDER, entry.getClass().getSimpleName()
                        + " naming endpoint " + option.address() + ", not the sender's own address");
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
