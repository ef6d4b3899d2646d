package io.vehicle.someip.sd.message;

import java.util.List;

/** StopOfferService entry (feat_req_someipsd_261, feat_req_someipsd_262): an OfferService with TTL 0. */
public record StopOfferService(int serviceId, int instanceId, int majorVersion, int minorVersion,
                 List<SdOption> firstRun, List<SdOption> secondRun) implements ServiceEntry {

    public StopOfferService {
        EntryFields.check(serviceId, instanceId, majorVersion);
        firstRun = EntryFields.run(firstRun, "first");
        secondRun = EntryFields.run(secondRun, "second");
    }

    /** An entry whose options are all in the first run. */
    public StopOfferService(int serviceId, int instanceId, int majorVersion, int minorVersion, List<SdOption> options) {
        this(serviceId, instanceId, majorVersion, minorVersion, options, List.of());
    }

    @Override
    public int wireType() {
        return TYPE_OFFER_SERVICE;
    }

    @Override
    public int ttl() {
        return 0;
    }
}
