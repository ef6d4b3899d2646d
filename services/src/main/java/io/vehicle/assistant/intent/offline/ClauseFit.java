package io.vehicle.assistant.intent.offline;

import java.util.ArrayList;
import java.util.List;

/** Whether what a clause says fits a device, and which verb the rules give for it. */
final class ClauseFit {

    private ClauseFit() {
    }

    static boolean temperatureUnit(Clause clause) {
        return clause.amount != null && List.of("celsius", "fahrenheit", "degree").contains(clause.amount.unit());
    }

    static String quantity(Clause clause) {
        if (clause.cue != null && clause.cue.quantity() != null) {
            return clause.cue.quantity();
        }
        return clause.state != null ? clause.state.quantity() : null;
    }

    /** Whether the clause's verb, amount, value and quantity make sense for the device. */
    static boolean fits(Device device, Clause clause) {
        if (!fitsIgnoringVerb(device, clause)) {
            return false;
        }
        for (Verb said : clause.verbs) {
            if (said.choosesDevice() && !device.supports(said)) {
                return false;   // "heat my seat": only a seat that heats
            }
        }
        Verb verb = rulesVerb(clause, device);
        if (verb == Verb.SET) {
            // Setting needs something to set: a number for numbers, a value word for enumerations.
            return device.kind == Device.Kind.NUMBER ? clause.amount != null : clause.valueFor(device.id) != null;
        }
        return verb == null || device.supports(verb);
    }

    static boolean fitsIgnoringVerb(Device device, Clause clause) {
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
    static Verb rulesVerb(Clause clause, Device device) {
        if (clause.valueFor(device.id) != null) {
            return Verb.SET;
        }
        List<Verb> verbs = new ArrayList<>(clause.verbs);
        List<Verb> choosing = verbs.stream().filter(Verb::choosesDevice).toList();
        verbs.removeAll(choosing);
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
            // "unmute the audio": the cue's switch is the audio's off switch; "off" is for the switch, not the audio.
            boolean viaOffSwitch = clause.cue.device() != null && !clause.cue.device().equals(device.id)
                    && device.switchedOff(clause.cue.verb());
            return viaOffSwitch ? null : clause.cue.verb();
        }
        if (clause.state != null) {
            boolean high = clause.state.level() == LexiconFile.Level.HIGH;
            // A complaint about a high state asks to lower it; a request for the state asks to raise it.
            return high == clause.complaint ? Verb.LOWER : Verb.RAISE;
        }
        if (!choosing.isEmpty()) {
            boolean absolute = clause.amount != null && !clause.relative && device.kind == Device.Kind.NUMBER;
            return absolute ? Verb.SET : choosing.get(0);   // "heat my seat" (on), "heat my seat to 70"
        }
        if (clause.amount != null || verbs.contains(Verb.SET)) {
            return Verb.SET;
        }
        return null;
    }
}
