package io.vehicle.someip.sdk.service;

import io.vehicle.someip.sd.AvailabilityReason;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sd.ServiceInstance;

/**
 * A change in whether a proxy's service instance can be used (feat_req_someipsd_14): up with the
 * offer it follows now, or down with the reason SD gave.
 *
 * @param instance  the instance, as offered (the actual instance id also when the proxy asked for any)
 * @param available whether calls and subscriptions can reach it now
 * @param reason    {@link AvailabilityReason#OFFERED} when up; why it went down otherwise
 * @param service   the offer the proxy is connected to; null when down
 */
public record Availability(ServiceInstance instance, boolean available, AvailabilityReason reason,
                           RemoteService service) {

    public static Availability up(RemoteService service) {
        return new Availability(service.instance(), true, AvailabilityReason.OFFERED, service);
    }

    public static Availability down(RemoteService service, AvailabilityReason reason) {
        return new Availability(service.instance(), false, reason, null);
    }
}
