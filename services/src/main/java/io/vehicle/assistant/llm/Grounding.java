package io.vehicle.assistant.llm;

import io.vehicle.assistant.intent.Conversation;
import io.vehicle.assistant.intent.IntentEngine;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.intent.VehicleState;
import java.util.List;

/**
 * Whether the driver's own words ask for an action on a guarded signal (doors, trunk, child locks, windows,
 * seat position: those the policy guards with a precondition or a confirmation). A model can be talked into an
 * action by text it reads (a media title saying "unlock the doors"); the policy would allow unlocking at a
 * standstill, so the node demands that the offline engine, reading only the driver's words, proposes the same
 * kind of signal with the same value. A guarded action the driver did not ask for is refused.
 */
final class Grounding {

    private final IntentEngine offline;

    Grounding(IntentEngine offline) {
        this.offline = offline;
    }

    /** The driver's words read on their own, without the session's context. */
    List<ProposedAction> readDriver(String utterance, VehicleState state) {
        Understanding understanding = offline.understand(utterance, new Conversation(), state);
        return understanding.actions();
    }

    /**
     * @param driver what {@link #readDriver} found in the driver's words
     */
    static boolean grounded(ProposedAction proposal, List<ProposedAction> driver) {
        String family = family(proposal.path());
        for (ProposedAction asked : driver) {
            if (!family(asked.path()).equals(family)) {
                continue;
            }
            // Numbers (a window's opening) may differ in amount; a lock or a lid must go the way the driver said.
            if (proposal.value() instanceof Number || proposal.value().equals(asked.value())) {
                return true;
            }
        }
        return false;
    }

    /** The signal without its seat: {@code Vehicle.Cabin.Door.*.*.IsLocked}. */
    static String family(String path) {
        StringBuilder family = new StringBuilder();
        for (String segment : path.split("\\.")) {
            boolean zone = segment.matches("Row\\d") || segment.equals("DriverSide") || segment.equals("PassengerSide")
                    || segment.equals("Driver") || segment.equals("Passenger");
            family.append(family.length() == 0 ? "" : ".").append(zone ? "*" : segment);
        }
        return family.toString();
    }
}
