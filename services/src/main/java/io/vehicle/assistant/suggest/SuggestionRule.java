package io.vehicle.assistant.suggest;

import io.vehicle.assistant.intent.VehicleState;
import java.util.Optional;

/** A situation worth a suggestion, judged from the current values alone; never acts by itself. */
public interface SuggestionRule {

    String id();

    /** The offer for the vehicle as it is; empty when the situation does not hold or a value it needs is unknown. */
    Optional<Offer> check(VehicleState state);
}
