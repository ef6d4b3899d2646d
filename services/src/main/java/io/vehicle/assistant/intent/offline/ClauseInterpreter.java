package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.CabinZone;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.VehicleState;
import io.vehicle.idl.catalog.Signal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one read clause into proposed writes. The device comes from the rules when a noun, cue or complaint names
 * it, else from the conversation's subject for bare follow-ups ("再低一点"), else from the nearest examples; the
 * direction always comes from the rules when they have one, because embeddings confuse opposites.
 */
final class ClauseInterpreter {

    /** What the conversation is about: the subject's device and cells, if any. */
    record Subject(Device device, Set<CabinZone> cells, List<ProposedAction> actions) {

        static final Subject NONE = new Subject(null, Set.of(), List.of());
    }

    private final DeviceTable devices;
    private final Lexicon lexicon;
    private final DeviceChooser chooser;

    ClauseInterpreter(DeviceTable devices, Lexicon lexicon, ExampleBank examples) {
        this.devices = devices;
        this.lexicon = lexicon;
        this.chooser = new DeviceChooser(devices, lexicon, examples);
    }

    ClauseOutcome interpret(Clause clause, Subject subject, VehicleState state) {
        if (backAsZoneOnly(clause, subject)) {
            // "do the same for the back" after the seat heating: "back" is the rear row, not a direction.
            clause.verbs.clear();
            clause.rows.add(2);
        }
        if (clause.zoneOnly()) {
            return repeatForZone(clause, subject);
        }
        if (clause.yesNoQuestion) {
            return new ClauseOutcome.NotUnderstood("a question, not a request");
        }
        if (clause.unsupported && !clause.hasDevice()) {
            return new ClauseOutcome.NotUnderstood("names something the assistant cannot control");
        }
        boolean bareQuestion = clause.question && clause.verbs.isEmpty()
                && (clause.cue == null || clause.cue.situation()) && clause.amount == null && clause.values.isEmpty();
        if (bareQuestion && (clause.state == null || clause.state.quantity() == null || clause.cue != null)) {
            return new ClauseOutcome.NotUnderstood("a question, not a request");
        }
        if (clause.enoughStop && !clause.hasDevice()) {
            // "够了够了，太热了": an exclamation before the request, not a question about what to stop; not lent the
            // subject of a clause near it either (that subject may be the very thing to change, not to stop).
            return new ClauseOutcome.NotUnderstood("enough, of nothing named");
        }
        Object chosen = chooser.choose(clause, subject);
        if (chosen instanceof ClauseOutcome outcome) {
            return outcome;
        }
        DeviceChooser.Choice choice = (DeviceChooser.Choice) chosen;
        Device device = choice.device();
        Verb verb = choice.exampleVerb() != null ? choice.exampleVerb() : ClauseFit.rulesVerb(clause, device);
        if (verb == null) {
            return new ClauseOutcome.Clarify(lexicon.file.prompts().what().replace("{a}", lexicon.name(device.id)));
        }
        if (clause.stop && !(verb == Verb.OFF && (device.ownOperation(Verb.OFF) || device.switchedOff(Verb.OFF)))) {
            // "别开窗了" may mean "don't open it after all": only a switch is surely stopped by such words.
            return new ClauseOutcome.NotUnderstood("a denied request: " + device.id + " is no switch to stop");
        }
        if (clause.enoughStop && device.switchedOff(verb)) {
            return new ClauseOutcome.NotUnderstood("enough of " + device.id + ": a level that is sufficient, not off");
        }
        if (device.switchedOff(verb)) {
            device = devices.require(device.offSwitch, "devices.yaml");   // "turn the music off": mute on
            verb = verb.opposite();
        }
        if (clause.backIsZone && !device.supports(Verb.BACKWARD)) {
            clause.rows.add(2);   // "back" was the rear row, not a direction
        }
        Optional<String> operation = device.operation(verb);
        if (operation.isEmpty()) {
            return new ClauseOutcome.NotUnderstood(device.id + " cannot " + verb);
        }
        return plan(clause, device, verb, operation.get(), choice.source(), subject, state);
    }

    private ClauseOutcome plan(Clause clause, Device device, Verb verb, String operation, String source,
            Subject subject, VehicleState state) {
        List<Signal> signals = new ArrayList<>();
        if (device.zoned()) {
            Set<CabinZone> cells = ZoneSelection.cells(clause, device, verb, subject.cells(), device == subject.device());
            if (cells.isEmpty()) {
                return new ClauseOutcome.Clarify(lexicon.file.prompts().zone().replace("{a}", lexicon.name(device.id)));
            }
            cells.forEach(cell -> signals.add(device.byCell.get(cell)));
        } else {
            signals.addAll(device.signals);
        }
        List<ProposedAction> actions = new ArrayList<>();
        for (Signal signal : signals) {
            ValuePlanner.Planned planned = ValuePlanner.plan(device, signal, operation, clause, state);
            if (planned.problem() == ValuePlanner.Problem.MISSING_VALUE) {
                return new ClauseOutcome.Clarify(lexicon.file.prompts().what().replace("{a}", lexicon.name(device.id)));
            }
            if (planned.problem() != null) {
                return new ClauseOutcome.NotUnderstood(clause.amount + " does not fit " + signal.path());
            }
            String reason = "\"" + clause.text + "\": " + device.id + " " + verb.name().toLowerCase() + " (" + source
                    + ")" + (planned.note().isEmpty() ? "" : "; " + planned.note());
            actions.add(new ProposedAction(signal.path(), planned.value(), reason));
        }
        return new ClauseOutcome.Actions(actions);
    }

    /** "and the passenger", "the other side too": the subject's writes again, for the named zone. */
    private ClauseOutcome repeatForZone(Clause clause, Subject subject) {
        if (subject.device() == null || !subject.device().zoned()) {
            return new ClauseOutcome.NotUnderstood("a zone without anything to apply it to");
        }
        Device device = subject.device();
        Set<CabinZone> cells = ZoneSelection.cells(clause, device, null, subject.cells(), true);
        if (cells.isEmpty()) {
            return new ClauseOutcome.Clarify(lexicon.file.prompts().zone().replace("{a}", lexicon.name(device.id)));
        }
        Object value = subject.actions().get(subject.actions().size() - 1).value();
        List<ProposedAction> actions = new ArrayList<>();
        for (CabinZone cell : cells) {
            actions.add(new ProposedAction(device.byCell.get(cell).path(), value,
                    "\"" + clause.text + "\": " + device.id + " as before, for " + cell));
        }
        return new ClauseOutcome.Actions(actions);
    }

    private static boolean backAsZoneOnly(Clause clause, Subject subject) {
        return clause.backIsZone && clause.verbs.equals(List.of(Verb.BACKWARD)) && !clause.hasDevice()
                && clause.cue == null && clause.state == null && clause.amount == null && clause.intensity == null
                && clause.values.isEmpty() && subject.device() != null && subject.device().zoned()
                && !subject.device().supports(Verb.BACKWARD);
    }

    static Set<CabinZone> cellsOf(List<ProposedAction> actions) {
        Set<CabinZone> cells = EnumSet.noneOf(CabinZone.class);
        for (ProposedAction action : actions) {
            CabinZone.ofPath(action.path()).ifPresent(cells::add);
        }
        return cells;
    }
}
