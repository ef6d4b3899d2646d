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
    private final ExampleBank examples;

    ClauseInterpreter(DeviceTable devices, Lexicon lexicon, ExampleBank examples) {
        this.devices = devices;
        this.lexicon = lexicon;
        this.examples = examples;
    }

    /** The device a clause is about, the verb the examples gave (when the rules gave none) and where it came from. */
    private record Choice(Device device, Verb exampleVerb, String source) {
    }

    ClauseOutcome interpret(Clause clause, Subject subject, VehicleState state) {
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
        Object chosen = choose(clause, subject);
        if (chosen instanceof ClauseOutcome outcome) {
            return outcome;
        }
        Choice choice = (Choice) chosen;
        Device device = choice.device();
        Verb verb = choice.exampleVerb() != null ? choice.exampleVerb() : rulesVerb(clause, device);
        if (verb == null) {
            return new ClauseOutcome.Clarify(lexicon.file.prompts().what().replace("{a}", lexicon.name(device.id)));
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

    /**
     * Picks the device, most specific evidence first: a complaint with a fixed remedy, a cue naming a device, a
     * noun, a quantity ("cold"), a value naming its device ("bluetooth"), the conversation's subject, a zone with a
     * bare number, a temperature unit, and last the nearest examples.
     */
    private Object choose(Clause clause, Subject subject) {
        String cueDevice = clause.cue == null ? null : clause.cue.device();
        if (clause.negated && clause.state == null && clause.cue == null) {
            // "别让小孩自己开门": the verb said is what must not happen; only the examples know the remedy.
            return nearestExample(clause, true);
        }
        if (cueDevice != null && clause.cue.situation() && !clause.nounDevices.contains(cueDevice)) {
            // "车窗起雾了": the noun says where the trouble is, the complaint what helps.
            return new Choice(devices.require(cueDevice, "lexicon"), null, "situation");
        }
        if (cueDevice != null && clause.nounDevices.contains(cueDevice)) {
            return new Choice(devices.require(cueDevice, "lexicon"), null, "cue");   // "recline the seat"
        }
        if (!clause.nounDevices.isEmpty()) {
            return chooseAmongNouns(clause, cueDevice);
        }
        if (cueDevice != null) {
            return new Choice(devices.require(cueDevice, "lexicon"), null, "cue");
        }
        String quantity = quantity(clause);
        if (quantity != null) {
            Device device = firstFitting(devices.withQuantity(quantity).stream().map(d -> d.id).toList(), clause)
                    .orElse(null);
            return device == null ? new ClauseOutcome.NotUnderstood("no device for " + quantity)
                    : new Choice(device, null, clause.state != null && clause.complaint ? "complaint" : "cue");
        }
        if (clause.namingValue() != null) {
            return new Choice(devices.require(clause.namingValue().device(), "lexicon"), null, "value");
        }
        boolean directed = !clause.verbs.isEmpty() || clause.state != null || clause.amount != null
                || !clause.values.isEmpty();
        if (subject.device() != null && fits(subject.device(), clause) && directed) {
            return new Choice(subject.device(), null, "follow-up");
        }
        if (clause.hasZone() && clause.amount != null && clause.amount.unit().isEmpty() && !clause.amount.fraction()
                && devices.zonedNumberDevice().isPresent()) {
            // "passenger side to 24": a zone and a bare number name the zoned setting set by number.
            return new Choice(devices.zonedNumberDevice().get(), null, "zone and number");
        }
        if (temperatureUnit(clause)) {
            // "twenty two degrees", "72 Fahrenheit": only a temperature is set in degrees without naming it.
            Device device = firstFitting(devices.all().stream().map(d -> d.id).toList(), clause).orElse(null);
            return device == null ? new ClauseOutcome.NotUnderstood("nothing takes " + clause.amount)
                    : new Choice(device, null, "unit");
        }
        for (Verb verb : clause.verbs) {
            Optional<Device> byVerb = devices.forVerb(verb);
            if (byVerb.isPresent()) {
                return new Choice(byVerb.get(), null, "verb");   // "lock it": the doors
            }
        }
        if (clause.unknownUnits == 0) {
            // Every word was read and none names a device ("turn it up"): examples cannot add anything.
            return actionWords(clause) ? new ClauseOutcome.Clarify(lexicon.file.prompts().object())
                    : new ClauseOutcome.NotUnderstood("nothing to act on");
        }
        return nearestExample(clause, false);
    }

    private Object chooseAmongNouns(Clause clause, String cueDevice) {
        for (String id : clause.nounDevices) {
            Device device = devices.require(id, "lexicon");
            Verb verb = rulesVerb(clause, device);
            if (verb != null && fits(device, clause)) {
                return new Choice(device, null, "named");
            }
        }
        Meaning.ValueWord naming = clause.namingValue();
        if (naming != null) {
            return new Choice(devices.require(naming.device(), "lexicon"), null, "value");   // "air to my feet"
        }
        if (cueDevice != null) {
            return new Choice(devices.require(cueDevice, "lexicon"), null, "cue");   // "unmute the audio"
        }
        Device named = firstFitting(clause.nounDevices, clause).orElse(null);
        if (named == null) {
            return new ClauseOutcome.NotUnderstood("no device named fits " + clause.verbs);
        }
        if (!actionWords(clause) && clause.state == null && clause.unknownUnits > 0) {
            // A noun without a verb in a longer sentence ("I need light to read", "the kids keep opening the
            // doors"): the noun may be where the trouble is; ask the examples, and the noun's device if unsure.
            Object nearest = nearestExample(clause, false);
            if (nearest instanceof Choice) {
                return nearest;
            }
        }
        return new Choice(named, null, "named");
    }

    private Object nearestExample(Clause clause, boolean ignoreRulesVerb) {
        ExampleBank.Nearest nearest = examples.nearest(clause.text,
                id -> fitsIgnoringVerb(devices.require(id, "examples"), clause));
        LexiconFile.EmbeddingLimits limits = lexicon.file.embedding();
        if (nearest.device().equals(ExampleBank.NONE) || nearest.score() < limits.minScore()) {
            return actionWords(clause) && !ignoreRulesVerb
                    ? new ClauseOutcome.Clarify(lexicon.file.prompts().object())
                    : new ClauseOutcome.NotUnderstood("nearest example '" + nearest.example() + "' "
                            + String.format("%.3f", nearest.score()));
        }
        if (nearest.score() - nearest.runnerUpScore() < limits.minMargin()) {
            if (nearest.runnerUp().equals(ExampleBank.NONE)) {
                return new ClauseOutcome.NotUnderstood("as close to an off-topic example");
            }
            return new ClauseOutcome.Clarify(lexicon.file.prompts().which()
                    .replace("{a}", lexicon.name(nearest.device()))
                    .replace("{b}", lexicon.name(nearest.runnerUp())), true);
        }
        Device device = devices.require(nearest.device(), "examples");
        Verb ruled = ignoreRulesVerb ? null : rulesVerb(clause, device);
        Verb exampleVerb = null;
        if (ruled == null || !device.supports(ruled)) {
            if (nearest.verb() != null && nearest.score() - nearest.oppositeScore() < limits.directionMargin()) {
                return new ClauseOutcome.Clarify(lexicon.file.prompts().direction()
                        .replace("{a}", lexicon.name(device.id)));
            }
            exampleVerb = nearest.verb();
        }
        return new Choice(device, exampleVerb, "nearest example '" + nearest.example() + "'");
    }

    private static boolean actionWords(Clause clause) {
        return !clause.verbs.isEmpty() || clause.intensity != null || clause.amount != null;
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

    private static boolean temperatureUnit(Clause clause) {
        return clause.amount != null && List.of("celsius", "fahrenheit", "degree").contains(clause.amount.unit());
    }

    private static String quantity(Clause clause) {
        if (clause.cue != null && clause.cue.quantity() != null) {
            return clause.cue.quantity();
        }
        return clause.state != null ? clause.state.quantity() : null;
    }

    private Optional<Device> firstFitting(List<String> ids, Clause clause) {
        for (String id : ids) {
            Device device = devices.require(id, "lexicon");
            if (fits(device, clause)) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }

    /** Whether the clause's verb, amount, value and quantity make sense for the device. */
    private boolean fits(Device device, Clause clause) {
        if (!fitsIgnoringVerb(device, clause)) {
            return false;
        }
        Verb verb = rulesVerb(clause, device);
        if (verb == Verb.SET) {
            // Setting needs something to set: a number for numbers, a value word for enumerations.
            return device.kind == Device.Kind.NUMBER ? clause.amount != null : clause.valueFor(device.id) != null;
        }
        return verb == null || device.supports(verb);
    }

    private static boolean fitsIgnoringVerb(Device device, Clause clause) {
        String quantity = quantity(clause);
        if (quantity != null && !device.quantities.contains(quantity)) {
            return false;
        }
        if (device.kind == Device.Kind.ENUMERATION && !clause.values.isEmpty()
                && clause.valueFor(device.id) == null) {
            return false;
        }
        if (clause.amount != null && !clause.amount.fraction() && !device.accepts(clause.amount.unit())) {
            return false;
        }
        return clause.amount == null || !clause.amount.fraction() || device.kind == Device.Kind.NUMBER;
    }

    /** The verb the rules give for a device, or null when they give none. */
    private static Verb rulesVerb(Clause clause, Device device) {
        if (clause.valueFor(device.id) != null) {
            return Verb.SET;
        }
        List<Verb> verbs = new ArrayList<>(clause.verbs);
        Meaning.Cue cue = clause.cue;
        if (cue != null && device.id.equals(cue.device()) && (cue.verb() == Verb.ON || cue.verb() == Verb.OFF)) {
            // The cue names a state ("mute", "fresh air"): "on" asks for it, "off" for its opposite.
            if (verbs.contains(Verb.OFF)) {
                return cue.verb().opposite();
            }
            if (verbs.contains(Verb.ON)) {
                return cue.verb();
            }
        }
        if (clause.backIsZone && !device.supports(Verb.BACKWARD)) {
            verbs.remove(Verb.BACKWARD);
        }
        if (verbs.contains(Verb.MAX) && device.supports(Verb.MAX)) {
            return Verb.MAX;
        }
        if (verbs.contains(Verb.MIN) && device.supports(Verb.MIN)) {
            return Verb.MIN;
        }
        for (Verb verb : verbs) {
            if (verb != Verb.SET && verb != Verb.MAX && verb != Verb.MIN && device.supports(verb)) {
                return verb;
            }
        }
        if (!verbs.isEmpty()) {
            Verb first = verbs.stream().filter(v -> v != Verb.SET).findFirst().orElse(null);
            if (first != null && clause.amount == null) {
                return first;   // unsupported: the caller reports it
            }
        }
        if (clause.cue != null && clause.cue.verb() != null) {
            return clause.cue.verb();
        }
        if (clause.state != null) {
            boolean high = clause.state.level() == LexiconFile.Level.HIGH;
            // A complaint about a high state asks to lower it; a request for the state asks to raise it.
            return high == clause.complaint ? Verb.LOWER : Verb.RAISE;
        }
        if (clause.amount != null || verbs.contains(Verb.SET)) {
            return Verb.SET;
        }
        return null;
    }

    static Set<CabinZone> cellsOf(List<ProposedAction> actions) {
        Set<CabinZone> cells = EnumSet.noneOf(CabinZone.class);
        for (ProposedAction action : actions) {
            CabinZone.ofPath(action.path()).ifPresent(cells::add);
        }
        return cells;
    }
}
