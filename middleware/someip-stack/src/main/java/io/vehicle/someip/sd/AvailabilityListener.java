package io.vehicle.someip.sd;

/** Told when a required service instance comes up or goes down, and why. */
public interface AvailabilityListener {

    void available(RemoteService service);

    void unavailable(RemoteService service, AvailabilityReason reason);
}
