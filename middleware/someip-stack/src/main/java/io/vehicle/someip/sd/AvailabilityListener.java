package io.vehicle.someip.sd;

/** Told when a required service instance comes up or goes down, and why. */
public interface AvailabilityListener {

    void available(RemoteService service);

    void unavailable(RemoteService service, AvailabilityReason reason);

    /**
     * Every further offer of an instance already available (a renewal, feat_req_someipsd_431):
     * the moment to reopen what was lost meanwhile, such as a TCP connection the provider reset.
     */
    default void offered(RemoteService service) {
    }
}
