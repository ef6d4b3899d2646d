package io.vehicle.assistant.eval;

import java.util.Collection;
import java.util.Map;

/**
 * The vehicle an evaluation runs against, through its bench control surface (the simulator's, in
 * {@code vehicle assistant eval}); never through the bridge, so what the evaluation reads back is the ECUs' own
 * state. Implemented where the simulator is wired in (the launcher): services never depend on it.
 */
public interface TestVehicle {

    /** Back to the default car, as for a new drive, with every forced value released. */
    void reset();

    /**
     * Forces values (numbers, booleans, enumeration names by VSS path) until the next {@link #reset}: sensors
     * are held against their plant models, actuators take later writes.
     *
     * @throws IllegalArgumentException for an unknown path or a value the signal cannot take
     */
    void force(Map<String, Object> values);

    /** The ECUs' current values of these paths (numbers as Double); a path without a value is left out. */
    Map<String, Object> read(Collection<String> paths);
}
