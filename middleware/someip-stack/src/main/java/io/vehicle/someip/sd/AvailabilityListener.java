package io.vehicle.someip.sd;

/** Told when a required service instance comes up or goes down (offer, StopOffer, TTL, reboot). */
public interface AvailabilityListener {

    void available(RemoteService service);

    void unavailable(RemoteService service, String reason);
}
