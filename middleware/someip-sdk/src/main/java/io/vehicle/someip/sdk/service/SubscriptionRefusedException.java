package io.vehicle.someip.sdk.service;

import io.vehicle.someip.sd.ServiceInstance;

/** The provider answered an eventgroup subscription with SubscribeEventgroupNack (feat_req_someipsd_618). */
public final class SubscriptionRefusedException extends RuntimeException {

    private final ServiceInstance instance;
    private final int eventgroupId;

    public SubscriptionRefusedException(ServiceInstance instance, int eventgroupId) {
        super(String.format("service %s refused the subscription to eventgroup 0x%04X (SubscribeEventgroupNack)",
                instance, eventgroupId));
        this.instance = instance;
        this.eventgroupId = eventgroupId;
    }

    public ServiceInstance instance() {
        return instance;
    }

    public int eventgroupId() {
        return eventgroupId;
    }
}
