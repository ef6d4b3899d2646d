package io.vehicle.assistant.intent.offline;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets the clauses of one utterance share what was said once: "close the windows and the sunroof" (the verb),
 * "set the driver to 22 and the passenger to 24" (the device), "driver and passenger to 22" (zones flow forward),
 * "set 22 for the driver and the passenger too" (the whole instruction, for another zone).
 */
final class ClauseLinker {

    private ClauseLinker() {
    }

    static List<Clause> link(List<Clause> input) {
        List<Clause> clauses = new ArrayList<>(input);
        // "除了我这边，其他车窗都打开", "open all the windows, except mine": the exception belongs to its neighbour.
        for (int i = 0; i < clauses.size(); ) {
            Clause clause = clauses.get(i);
            Clause target = clause.exceptionOnly() ? exceptionTarget(clauses, i) : null;
            if (target != null) {
                target.takeException(clause);
                clauses.remove(i);
            } else {
                i++;
            }
        }
        // Leading zone-only clauses flow into the next clause: "driver and passenger to 22".
        for (int i = 0; i + 1 < clauses.size(); ) {
            Clause clause = clauses.get(i);
            boolean earlierInstruction = clauses.subList(0, i).stream().anyMatch(Clause::hasAction);
            if (clause.zoneOnly() && !earlierInstruction) {
                clauses.get(i + 1).addZonesOf(clause);
                clauses.remove(i);
            } else {
                i++;
            }
        }
        for (int i = 0; i < clauses.size(); i++) {
            Clause clause = clauses.get(i);
            if (clause.zoneOnly() && i > 0) {
                Clause previous = clauses.get(i - 1);
                clause.borrowDevice(previous);
                clause.borrowAction(previous);
            } else if (!clause.hasAction() && clause.hasDevice() && !clause.negated) {
                Clause source = nearestWith(clauses, i, true);
                if (source != null) {
                    clause.borrowAction(source);   // with its negation: "don't turn on the AC and the fan"
                }
            } else if (clause.onlyNounVerb() && !clause.negated) {
                // "不要开空调和座椅加热": the noun says its own verb, but the denial before it covers it too.
                Clause source = nearestWith(clauses, i, true);
                if (source != null && (source.negated || source.stop)) {
                    clause.borrowNegation(source);
                }
            } else if (clause.hasAction() && !clause.hasDevice() && clause.state == null && i > 0) {
                Clause previous = clauses.get(i - 1);
                if (previous.hasDevice() && !correction(previous)) {
                    clause.borrowDevice(previous);
                    if (!clause.hasZone()) {
                        clause.addZonesOf(previous);
                    }
                }
            }
        }
        return clauses;
    }

    /** "not the sunroof": names what is not meant, so it lends nothing and borrows nothing. */
    private static boolean correction(Clause clause) {
        return clause.negated && !clause.hasAction();
    }

    /** The request next to an exception: the one before it, else the one after it. */
    private static Clause exceptionTarget(List<Clause> clauses, int index) {
        if (index > 0 && clauses.get(index - 1).hasAction()) {
            return clauses.get(index - 1);
        }
        return index + 1 < clauses.size() && clauses.get(index + 1).hasAction() ? clauses.get(index + 1) : null;
    }

    /** The nearest clause with an action, looking back first. */
    private static Clause nearestWith(List<Clause> clauses, int index, boolean action) {
        for (int i = index - 1; i >= 0; i--) {
            if (clauses.get(i).hasAction() == action) {
                return clauses.get(i);
            }
        }
        for (int i = index + 1; i < clauses.size(); i++) {
            if (clauses.get(i).hasAction() == action) {
                return clauses.get(i);
            }
        }
        return null;
    }
}
