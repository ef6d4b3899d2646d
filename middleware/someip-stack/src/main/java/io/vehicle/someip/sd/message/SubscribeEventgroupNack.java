package io.vehicle.someip.sd.message;

import java.util.List;

/** SubscribeEventgroupNack entry (feat_req_someipsd_618, feat_req_someipsd_619): a SubscribeEventgroupAck with TTL 0. */
public record SubscribeEventgroupNack(int serviceId, int instanceId, int majorVersion, boolean initialDataRequested,
                 int counter, int eventgroupId, List<SdOption> firstRun, List<SdOption> secondRun)
        implements EventgroupEntry {

    public SubscribeEventgroupNack {
        EntryFields.check(serviceId, instanceId, majorVersion);
        EntryFields.eventgroup(counter, eventgroupId);
        firstRun = EntryFields.run(firstRun, "first");
        secondRun = EntryFields.run(secondRun, "second");
    }

    /** An entry whose options are all in the first run. */
    public SubscribeEventgroupNack(int serviceId, int instanceId, int majorVersion, boolean initialDataRequested,
              int counter, int eventgroupId, List<SdOption> options) {
        this(serviceId, instanceId, majorVersion, initialDataRequested, counter, eventgroupId, options,
                List.of());
    }

    @Override
    public int wireType() {
        return TYPE_SUBSCRIBE_EVENTGROUP_ACK;
    }

    @Override
    public int ttl() {
        return 0;
    }
}
