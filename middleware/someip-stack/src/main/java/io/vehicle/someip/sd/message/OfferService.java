package io.vehicle.someip.sd.message;

import java.util.List;

/** OfferService entry (feat_req_someipsd_252, feat_req_someipsd_253), referencing at least one endpoint option (feat_req_someipsd_681). */
public record OfferService(int serviceId, int instanceId, int majorVersion, int minorVersion, int ttl,
                 List<SdOption> firstRun, List<SdOption> secondRun) implements ServiceEntry {

    public OfferService {
        EntryFields.check(serviceId, instanceId, majorVersion);
        EntryFields.ttl(ttl, 1); // feat_req_someipsd_253: TTL 0 is a StopOfferService
        firstRun = EntryFields.run(firstRun, "first");
        secondRun = EntryFields.run(secondRun, "second");
    }

    /** An entry whose options are all in the first run. */
    public OfferService(int serviceId, int instanceId, int majorVersion, int minorVersion, int ttl, List<SdOption> options) {
        this(serviceId, instanceId, majorVersion, minorVersion, ttl, options, List.of());
    }

    @Override
    public int wireType() {
        return TYPE_OFFER_SERVICE;
    }

    /** feat_req_someipsd_262: the Stop entry is the offer with TTL 0, same fields and options. */
    public StopOfferService stop() {
        return new StopOfferService(serviceId, instanceId, majorVersion, minorVersion, firstRun, secondRun);
    }
}
