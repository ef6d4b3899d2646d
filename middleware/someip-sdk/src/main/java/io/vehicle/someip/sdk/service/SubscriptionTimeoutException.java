package io.vehicle.someip.sdk.service;

import io.vehicle.someip.sd.ServiceInstance;
import java.time.Duration;

/** No SubscribeEventgroupAck or Nack arrived within the proxy's subscription timeout. */
public final class SubscriptionTimeoutException extends RuntimeException {

    private final ServiceInstance instance;
    private final int eventgroupId;
    private final boolean serviceAvailable;

    public SubscriptionTimeoutException(ServiceInstance instance, int eventgroupId, Duration timeout,
                                        boolean serviceAvailable) {
        super(String.format("no answer to the subscription to eventgroup 0x%04X of service %s within %d ms (%s)",
                eventgroupId, instance, timeout.toMillis(), serviceAvailable
                        ? "the service is offered, its provider did not answer the SubscribeEventgroup"
                        : "the service was not offered, so no SubscribeEventgroup could be sent"));
        this.instance = instance;
        this.eventgroupId = eventgroupId;
        this.serviceAvailable = serviceAvailable;
    }

    public ServiceInstance instance() {
        return instance;
    }

    public int eventgroupId() {
        return eventgroupId;
    }

    /** Whether the service was offered when the timeout ran out (a Subscribe went out, unanswered). */
    public boolean serviceAvailable() {
        return serviceAvailable;
    }
}
