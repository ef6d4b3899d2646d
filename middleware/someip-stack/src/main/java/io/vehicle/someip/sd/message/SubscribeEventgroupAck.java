package io.vehicle.someip.sd.message;

import java.util.List;

/** SubscribeEventgroupAck entry (feat_req_someipsd_613, feat_req_someipsd_614), referencing multicast options if events go by multicast (feat_req_someipsd_763). */
public record SubscribeEventgroupAck(int serviceId, int instanceId, int majorVersion, int ttl, boolean initialDataRequested,
                 int counter, int eventgroupId, List<SdOption> firstRun, List<SdOption> secondRun)
        implements EventgroupEntry {

    public SubscribeEventgroupAck {
        EntryFields.check(serviceId, instanceId, majorVersion);
        EntryFields.ttl(ttl, 1); // feat_req_someipsd_619: TTL 0 is a Nack
        EntryFields.eventgroup(counter, eventgroupId);
        firstRun = EntryFields.run(firstRun, "first");
        secondRun = EntryFields.run(secondRun, "second");
    }

    /** An entry whose options are all in the first run. */
    public SubscribeEventgroupAck(int serviceId, int instanceId, int majorVersion, int ttl, boolean initialDataRequested,
              int counter, int eventgroupId, List<SdOption> options) {
        this(serviceId, instanceId, majorVersion, ttl, initialDataRequested, counter, eventgroupId, options,
                List.of());
    }

    @Override
    public int wireType() {
        return TYPE_SUBSCRIBE_EVENTGROUP_ACK;
    }
}
