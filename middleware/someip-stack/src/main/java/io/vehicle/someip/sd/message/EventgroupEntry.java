package io.vehicle.someip.sd.message;

/** Entries of the Eventgroup Entry Type (feat_req_someipsd_109, feat_req_someipsd_237). */
public sealed interface EventgroupEntry extends SdEntry
        permits SubscribeEventgroup, StopSubscribeEventgroup, SubscribeEventgroupAck, SubscribeEventgroupNack {

    /** The I flag (feat_req_someipsd_109); honoured only if the sender set the explicit initial data control flag (feat_req_someipsd_1188). */
    boolean initialDataRequested();

    /** 4 bits, telling parallel subscriptions to the same eventgroup apart (feat_req_someipsd_322). */
    int counter();

    int eventgroupId();
}
