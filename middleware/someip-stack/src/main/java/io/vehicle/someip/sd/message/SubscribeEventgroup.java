package io.vehicle.someip.sd.message;

import java.util.List;

/** SubscribeEventgroup entry (feat_req_someipsd_321, feat_req_someipsd_322), referencing the client's endpoints (feat_req_someipsd_682). */
public record SubscribeEventgroup(int serviceId, int instanceId, int majorVersion, int ttl, boolean initialDataRequested,
                 int counter, int eventgroupId, List<SdOption> firstRun, List<SdOption> secondRun)
        implements EventgroupEntry {

    public SubscribeEventgroup {
        EntryFields.check(serviceId, instanceId, majorVersion);
        EntryFields.ttl(ttl, 1); // feat_req_someipsd_322: TTL 0 is a StopSubscribeEventgroup
        EntryFields.eventgroup(counter, eventgroupId);
        firstRun = EntryFields.run(firstRun, "first");
        secondRun = EntryFields.run(secondRun, "second");
    }

    /** An entry whose options are all in the first run. */
    public SubscribeEventgroup(int serviceId, int instanceId, int majorVersion, int ttl, boolean initialDataRequested,
              int counter, int eventgroupId, List<SdOption> options) {
        this(serviceId, instanceId, majorVersion, ttl, initialDataRequested, counter, eventgroupId, options,
                List.of());
    }

    @Override
    public int wireType() {
        return TYPE_SUBSCRIBE_EVENTGROUP;
    }

    /** feat_req_someipsd_333, feat_req_someipsd_1177: same fields and the same options, TTL 0. */
    public StopSubscribeEventgroup stop() {
        return new StopSubscribeEventgroup(serviceId, instanceId, majorVersion, initialDataRequested, counter,
                eventgroupId, firstRun, secondRun);
    }

    /** feat_req_someipsd_614: an acknowledgement echoing this entry's fields, with the given TTL and options. */
    public SubscribeEventgroupAck ack(int ackTtl, List<SdOption> options) {
        return new SubscribeEventgroupAck(serviceId, instanceId, majorVersion, ackTtl, initialDataRequested, counter,
                eventgroupId, options);
    }

    /** feat_req_someipsd_619: a negative acknowledgement echoing this entry's fields. */
    public SubscribeEventgroupNack nack() {
        return new SubscribeEventgroupNack(serviceId, instanceId, majorVersion, initialDataRequested, counter,
                eventgroupId, List.of());
    }
}
