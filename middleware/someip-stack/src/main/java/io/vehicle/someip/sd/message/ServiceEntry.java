package io.vehicle.someip.sd.message;

/** Entries of the Service Entry Type (feat_req_someipsd_47, feat_req_someipsd_236). */
public sealed interface ServiceEntry extends SdEntry permits FindService, OfferService, StopOfferService {

    /** 32 bits, unsigned; {@link SdEntry#ANY_MINOR_VERSION} means any. */
    int minorVersion();
}
