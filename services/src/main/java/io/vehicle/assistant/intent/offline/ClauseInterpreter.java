package io.vehicle.assistant.intent.offline;

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
    record Subject(Device device, Set<Cell> cells, List<ProposedAction> actions) {

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

    ClauseOutcome interpret(Clause clause, Subject subject, VehicleState state) {
        if (clause.zoneOnly()) {
            return repeatForZone(clause, subject);
        }
        if (clause.unsupported && clause.nounDevices.isEmpty() && clause.cue == null) {
            return new ClauseOutcome.NotUnderstood("names something the assistant cannot control");
        }
        boolean bareQuestion = clause.question && clause.verbs.isEmpty()
                && (clause.cue == null || clause.cue.situation()) && clause.amount == null && clause.values.isEmpty();
        if (bareQuestion && (clause.state == null || clause.state.quantity() == null || clause.cue != null)) {
            return new ClauseOutcome.NotUnderstood("a question, not a request");
        }
        Verb embeddedVerb = null;
        Device device;
        String source;
        if (clause.cue != null && clause.cue.situation() && !clause.nounDevices.contains(clause.cue.device())) {
            // "车窗起雾了": the noun says where the trouble is, the complaint what helps.
            device = devices.require(clause.cue.device(), "lexicon");
            source = "situation";
        } else if (!clause.nounDevices.isEmpty()) {
            device = firstFitting(clause.nounDevices, clause).orElse(null);
            if (device == null) {
                return new ClauseOutcome.NotUnderstood("no device named fits " + clause.verbs);
            }
            source = "named";
        } else if (clause.cue != null && clause.cue.device() != null) {
            device = devices.require(clause.cue.device(), "lexicon");
            source = clause.cue.situation() ? "situation" : "cue";
        } else if (quantity(clause) != null) {
            device = firstFitting(devices.withQuantity(quantity(clause)).stream().map(d -> d.id).toList(), clause)
                    .orElse(null);
            if (device == null) {
                return new ClauseOutcome.NotUnderstood("no device for " + quantity(clause));
            }
            source = clause.state != null && clause.complaint ? "complaint" : "cue";
        } else if (clause.namingValue() != null) {
            device = devices.require(clause.namingValue().device(), "lexicon");
            source = "value";
        } else if (subject.device() != null && fits(subject.device(), clause) && clause.hasAction()) {
            device = subject.device();
            source = "follow-up";
        } else if (temperatureUnit(clause)) {
            // "twenty two degrees", "72 Fahrenheit": only a temperature is set in degrees without naming it.
            device = firstFitting(devices.all().stream().map(d -> d.id).toList(), clause).orElse(null);
            if (device == null) {
                return new ClauseOutcome.NotUnderstood("nothing takes " + clause.amount);
            }
            source = "unit";
        } else if (clause.unsupported || bareQuestion) {
            return new ClauseOutcome.NotUnderstood("names something the assistant cannot control");
        } else {
            ExampleBank.Nearest nearest = examples.nearest(clause.text,
                    id -> fits(devices.require(id, "examples"), clause));
            LexiconFile.EmbeddingLimits limits = lexicon.file.embedding();
            boolean hasActionWords = !clause.verbs.isEmpty() || clause.intensity != null || clause.amount != null;
            if (nearest.device().equals(ExampleBank.NONE) || nearest.score() < limits.minScore()) {
                return hasActionWords
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
                        .replace("{b}", lexicon.name(nearest.runnerUp())));
            }
            device = devices.require(nearest.device(), "examples");
            if (rulesVerb(clause, device) == null) {
                if (nearest.verb() != null && nearest.score() - nearest.oppositeScore() < limits.directionMargin()) {
                    return new ClauseOutcome.Clarify(lexicon.file.prompts().direction()
                            .replace("{a}", lexicon.name(device.id)));
                }
                embeddedVerb = nearest.verb();
            }
            source = "nearest example '" + nearest.example() + "'";
        }
        Verb verb = rulesVerb(clause, device);
        if (verb == null) {
            verb = embeddedVerb;
        }
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
        return plan(clause, device, verb, operation.get(), source, subject, state);
    }

    private ClauseOutcome plan(Clause clause, Device device, Verb verb, String operation, String source,
            Subject subject, VehicleState state) {
        List<Signal> signals = new ArrayList<>();
        if (device.zoned()) {
            Set<Cell> cells = ZoneSelection.cells(clause, device, verb, subject.cells(), device == subject.device());
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
        Set<Cell> cells = ZoneSelection.cells(clause, device, null, subject.cells(), true);
        if (cells.isEmpty()) {
            return new ClauseOutcome.Clarify(lexicon.file.prompts().zone().replace("{a}", lexicon.name(device.id)));
        }
        Object value = subject.actions().get(subject.actions().size() - 1).value();
        List<ProposedAction> actions = new ArrayList<>();
        for (Cell cell : cells) {
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
        if (clause.amount != null && clause.amount.fraction() && device.kind != Device.Kind.NUMBER) {
            return false;
        }
        Verb verb = rulesVerb(clause, device);
        return verb == null || device.supports(verb);
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

    static Set<Cell> cellsOf(List<ProposedAction> actions) {
        Set<Cell> cells = EnumSet.noneOf(Cell.class);
        for (ProposedAction action : actions) {
            Cell.ofPath(action.path()).ifPresent(cells::add);
        }
        return cells;
    }
}
