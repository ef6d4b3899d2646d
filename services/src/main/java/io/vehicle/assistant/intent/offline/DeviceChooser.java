package io.vehicle.assistant.intent.offline;

import java.util.List;
import java.util.Optional;

/**
 * Which device a clause is about. The rules' evidence comes first, most specific first; the nearest examples of
 * the embedding model only when the rules have no device, and then only with a clear margin.
 */
final class DeviceChooser {

    /** The device a clause is about, the verb the examples gave (when the rules gave none) and where it came from. */
    record Choice(Device device, Verb exampleVerb, String source) {
    }

    private final DeviceTable devices;
    private final Lexicon lexicon;
    private final ExampleBank examples;

    DeviceChooser(DeviceTable devices, Lexicon lexicon, ExampleBank examples) {
        this.devices = devices;
        this.lexicon = lexicon;
        this.examples = examples;
    }

    /**
     * Picks the device, most specific evidence first: a complaint with a fixed remedy, a cue naming a device, a
     * noun, a quantity ("cold"), a value naming its device ("bluetooth"), the conversation's subject, a zone with a
     * bare number, a temperature unit, and last the nearest examples.
     */
    /** A {@link Choice}, or the {@link ClauseOutcome} when there is none to make. */
    Object choose(Clause clause, ClauseInterpreter.Subject subject) {
        narrowToPaneHeater(clause);
        String cueDevice = clause.cue == null ? null : clause.cue.device();
        if (clause.negated) {
            return negated(clause);
        }
        if (cueDevice != null && clause.cue.situation() && !clause.nounDevices.contains(cueDevice)) {
            // "车窗起雾了": the noun says where the trouble is, the complaint what helps; a remedy that picks its
            // device helps where the trouble is when it can ("the mirrors are fogged up": the mirror heating).
            Verb remedy = clause.cue.verb();
            if (remedy != null && remedy.choosesDevice()) {
                for (String id : clause.nounDevices) {
                    if (devices.require(id, "lexicon").supports(remedy)) {
                        return new Choice(devices.require(id, "lexicon"), null, "situation");
                    }
                }
            }
            return new Choice(devices.require(cueDevice, "lexicon"), null, "situation");
        }
        if (cueDevice != null && clause.nounDevices.contains(cueDevice)) {
            return new Choice(devices.require(cueDevice, "lexicon"), null, "cue");   // "recline the seat"
        }
        Choice coldPane = coldPane(clause);
        if (coldPane != null) {
            return coldPane;
        }
        if (!clause.nounDevices.isEmpty()) {
            return chooseAmongNouns(clause, cueDevice);
        }
        if (cueDevice != null) {
            return new Choice(devices.require(cueDevice, "lexicon"), null, "cue");
        }
        String quantity = ClauseFit.quantity(clause);
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
        if (subject.device() != null && ClauseFit.fits(subject.device(), clause) && directed) {
            return new Choice(subject.device(), null, "follow-up");
        }
        if (clause.hasZone() && clause.amount != null && clause.amount.unit().isEmpty() && !clause.amount.fraction()
                && devices.zonedNumberDevice().isPresent()) {
            // "passenger side to 24": a zone and a bare number name the zoned setting set by number.
            return new Choice(devices.zonedNumberDevice().get(), null, "zone and number");
        }
        if (ClauseFit.temperatureUnit(clause)) {
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

    /**
     * A negated clause is never done as said, nor turned into its opposite ("don't open the windows" does not
     * close them, "不要开空调" does not switch the A/C off). A denied complaint ("I'm not cold", "我不冷"), a
     * correction ("not the sunroof, …") and a denied request ask for nothing; a prohibition has a remedy only when
     * a prohibition among the examples has one ("别让小孩自己开门": the child locks).
     */
    private Object negated(Clause clause) {
        if (clause.state != null) {
            return new ClauseOutcome.NotUnderstood("a denied complaint");
        }
        if (!clause.hasAction()) {
            return new ClauseOutcome.NotUnderstood("a correction: not this");
        }
        if (!clause.prohibition) {
            return new ClauseOutcome.NotUnderstood("a denied request: nothing to do");
        }
        return nearestExample(clause, true);
    }

    /**
     * "the back window demister", "rear windshield heater": a pane followed by a heater or defroster noun is that
     * pane's heater, not the pane ("turn on the rear window" alone stays the windows).
     */
    private void narrowToPaneHeater(Clause clause) {
        boolean heaterHead = clause.headDevices.stream().map(id -> devices.require(id, "lexicon"))
                .anyMatch(d -> d.supports(Verb.DEFROST) || d.supports(Verb.HEAT));
        if (!heaterHead) {
            return;
        }
        List<String> paneHeaters = clause.nounDevices.stream()
                .filter(id -> devices.require(id, "lexicon").supports(Verb.DEFROST)).toList();
        if (!paneHeaters.isEmpty()) {
            clause.nounDevices = paneHeaters;
        }
    }

    /**
     * "the mirror is frozen", "后视镜结冰了": a cold complaint about something that has no warmth of its own but a
     * pane heater is frost on that pane, so the remedy is to defrost it (a seat or the cabin stays a warmth).
     */
    private Choice coldPane(Clause clause) {
        if (clause.state == null || !clause.complaint || clause.state.level() != LexiconFile.Level.LOW
                || !"warmth".equals(clause.state.quantity()) || !clause.verbs.isEmpty()) {
            return null;
        }
        boolean warmthNamed = clause.nounDevices.stream()
                .anyMatch(id -> devices.withQuantity("warmth").contains(devices.require(id, "lexicon")));
        if (warmthNamed) {
            return null;
        }
        for (String id : clause.nounDevices) {
            Device device = devices.require(id, "lexicon");
            if (device.supports(Verb.DEFROST)) {
                return new Choice(device, Verb.DEFROST, "cold pane");
            }
        }
        return null;
    }

    private Object chooseAmongNouns(Clause clause, String cueDevice) {
        for (String id : clause.nounDevices) {
            // "blast the air": a range end goes to the noun's first device with a range of its own before a switch
            // that only stands in; when that range is a setpoint the noun is the climate itself ("空调开到最大":
            // the A/C on, neither 28 °C nor the fan).
            Device device = devices.require(id, "lexicon");
            Verb verb = ClauseFit.rulesVerb(clause, device);
            if ((verb != Verb.MAX && verb != Verb.MIN) || !device.ownOperation(verb)) {
                continue;
            }
            if (!device.quantities.contains("warmth") && ClauseFit.fits(device, clause)) {
                return new Choice(device, null, "named");
            }
            break;
        }
        for (String id : clause.nounDevices) {
            Device device = devices.require(id, "lexicon");
            Verb verb = ClauseFit.rulesVerb(clause, device);
            if (verb != null && ClauseFit.fits(device, clause)) {
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

    /** The nearest examples; a negated clause is compared with negated examples only (and the off-topic ones). */
    private Object nearestExample(Clause clause, boolean ignoreRulesVerb) {
        ExampleBank.Nearest nearest = examples.nearest(clause.text,
                id -> ClauseFit.fitsIgnoringVerb(devices.require(id, "examples"), clause), clause.negated);
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
        Verb ruled = ignoreRulesVerb ? null : ClauseFit.rulesVerb(clause, device);
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

    private Optional<Device> firstFitting(List<String> ids, Clause clause) {
        for (String id : ids) {
            Device device = devices.require(id, "lexicon");
            if (ClauseFit.fits(device, clause)) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }
}
