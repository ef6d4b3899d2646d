package io.vehicle.someip.sd;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Whom SD believes about whom. Without authenticated SD (docs/security.md) the source address and
 * port of a datagram are the only identity a sender has, so by default an SD message speaks only
 * for its source:
 *
 * @param sdEndpointOptionTrusted  an SD Endpoint Option naming another address or port than the
 *                                 datagram's source is believed (feat_req_someipsd_1084, for SD behind a
 *                                 relay); by default such a message is refused
 *                                 ({@link SdRefusal#SD_ENDPOINT_NOT_SOURCE})
 * @param foreignEndpointsAccepted offers and subscriptions may name endpoints on another address than
 *                                 their sender's; by default they are refused
 *                                 ({@link SdRefusal#ENDPOINT_NOT_SENDER}), so no one can direct a
 *                                 provider's events at a third host
 * @param allowedProviders         static pinning: for each service listed, only these senders' offers
 *                                 are taken ({@link SdRefusal#PROVIDER_NOT_ALLOWED}); services not listed
 *                                 are open to any provider
 */
public record SdTrust(boolean sdEndpointOptionTrusted, boolean foreignEndpointsAccepted,
                      List<AllowedProvider> allowedProviders) {

    /** A provider allowed to offer a service: instance 0xFFFF for any, port 0 for any SD port. */
    public record AllowedProvider(int serviceId, int instanceId, InetAddress address, int port) {

        boolean matches(int service, int instance, InetSocketAddress sender) {
            return serviceId == service && (instanceId == 0xFFFF || instanceId == instance)
                    && address.equals(sender.getAddress()) && (port == 0 || port == sender.getPort());
        }
    }

    public SdTrust {
        allowedProviders = List.copyOf(allowedProviders);
    }

    /** Each message speaks for its source only; no pinning. */
    public static SdTrust defaults() {
        return new SdTrust(false, false, List.of());
    }

    /** Whether {@code sender} may offer this instance: always, unless the service is pinned to others. */
    boolean mayOffer(int serviceId, int instanceId, InetSocketAddress sender) {
        boolean pinned = false;
        for (AllowedProvider allowed : allowedProviders) {
            if (allowed.serviceId() == serviceId) {
                pinned = true;
                if (allowed.matches(serviceId, instanceId, sender)) {
                    return true;
                }
            }
        }
        return !pinned;
    }
}
