package io.vehicle.someip.sd.message;

import java.util.List;

/** StopSubscribeEventgroup entry (feat_req_someipsd_332, feat_req_someipsd_333): a SubscribeEventgroup with TTL 0. */
public record StopSubscribeEventgroup(int serviceId, int instanceId, int majorVersion, boolean initialDataRequested,
                 int counter, int eventgroupId, List<SdOption> firstRun, List<SdOption> secondRun)
        implements EventgroupEntry {

    public StopSubscribeEventgroup {
        EntryFields.check(serviceId, instanceId, majorVersion);
        EntryFields.eventgroup(counter, eventgroupId);
        firstRun = EntryFields.run(firstRun, "first");
        secondRun = EntryFields.run(secondRun, "second");
    }

    /** An entry whose options are all in the first run. */
    public StopSubscribeEventgroup(int serviceId, int instanceId, int majorVersion, boolean initialDataRequested,
              int counter, int eventgroupId, List<SdOption> options) {
        this(serviceId, instanceId, majorVersion, initialDataRequested, counter, eventgroupId, options,
                List.of());
    }

    @Override
    public int wireType() {
        return TYPE_SUBSCRIBE_EVENTGROUP;
    }

    @Override
    public int ttl() {
        return 0;
    }
}
