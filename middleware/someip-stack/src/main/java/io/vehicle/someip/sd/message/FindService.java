package io.vehicle.someip.sd.message;

import java.util.List;

/** FindService entry (feat_req_someipsd_238, feat_req_someipsd_239): looks for instances; 0xFFFF, 0xFF and 0xFFFFFFFF mean any. */
public record FindService(int serviceId, int instanceId, int majorVersion, int minorVersion, int ttl,
                 List<SdOption> firstRun, List<SdOption> secondRun) implements ServiceEntry {

    public FindService {
        EntryFields.check(serviceId, instanceId, majorVersion);
        // feat_req_someipsd_239 asks for TTL > 0, but no stop entry exists for Find; a 0 is passed on as is.
        EntryFields.ttl(ttl, 0);
        firstRun = EntryFields.run(firstRun, "first");
        secondRun = EntryFields.run(secondRun, "second");
    }

    /** An entry whose options are all in the first run. */
    public FindService(int serviceId, int instanceId, int majorVersion, int minorVersion, int ttl, List<SdOption> options) {
        this(serviceId, instanceId, majorVersion, minorVersion, ttl, options, List.of());
    }

    @Override
    public int wireType() {
        return TYPE_FIND_SERVICE;
    }
}
