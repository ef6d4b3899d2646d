package io.vehicle.simulator.ecu;

import io.vehicle.simulator.plant.PlantEvent;
import io.vehicle.someip.sdk.binding.ServiceBinding;

/** One service a virtual ECU offers, on its generated skeleton, driven by the plant. */
public interface VirtualService extends AutoCloseable {

    ServiceBinding binding();

    ServiceSignals signals();

    /** After each plant step, on the simulation thread: publish what changed (everything when {@code all}). */
    default void publish(boolean all) {
        signals().publish(all);
    }

    /** The ECU's own software moving on (a media player, say), by {@code localNanos} of its clock. */
    default void step(long localNanos) {
    }

    /** Something the plant did that this service announces with an event. */
    default void plantEvent(PlantEvent event) {
    }

    void offer();

    void stopOffer();

    @Override
    void close();
}
