package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.CabinZone;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the rules read in one clause of an utterance: the slots, before any device is chosen. Clauses that lack a
 * slot borrow it from their neighbours ("close the windows and the sunroof").
 */
final class Clause {

    final String text;
    /** Candidate devices of the noun, best first; empty when no device was named. */
    List<String> nounDevices = List.of();
    /** The devices of a noun said right after the clause's noun ("back window" + "demister"), if any. */
    List<String> headDevices = List.of();
    boolean nounAll;
    final List<Verb> verbs = new ArrayList<>();
    Meaning.Cue cue;
    Meaning.State state;
    /** True when the state is a complaint ("too hot", "有点冷"), false for a request ("make it cold", "冷一点"). */
    boolean complaint;
    final List<Meaning.ValueWord> values = new ArrayList<>();
    final Set<Integer> rows = new java.util.TreeSet<>();
    final Set<CabinZone.Side> sides = EnumSet.noneOf(CabinZone.Side.class);
    boolean allZones;
    boolean otherSide;
    Intensity intensity;
    Amount amount;
    boolean absolute;
    boolean relative;
    boolean question;
    /** "is the trunk open", "后备箱开着吗": asks about a state, never a request even with a verb in it. */
    boolean yesNoQuestion;
    /** "don't open the windows", "I'm not cold", "not the sunroof": what is said is not what is wanted. */
    boolean negated;
    /** "别让小孩自己开门", "don't let the kids open the doors": a negation that keeps someone else from doing it. */
    boolean prohibition;
    /**
     * "别开了", "don't keep the seat heater on": a switch no longer wanted on, read as "off". Only a device with an
     * off of its own is switched off this way; a window is not closed by "别开窗了".
     */
    boolean stop;
    /**
     * "座椅加热够了", "音量够了": "enough" as the off verb. It stops what has an off of its own (the heating, the fan),
     * but of a level whose off is another switch it says the level is sufficient: "音量够了" does not mute.
     */
    boolean enoughStop;
    /** Zones said after "except"/"除了" ("open all the windows except mine"): left out of the cells. */
    final Set<Integer> exceptRows = new java.util.TreeSet<>();
    final Set<CabinZone.Side> exceptSides = EnumSet.noneOf(CabinZone.Side.class);
    /** The devices of a noun in the exception ("除了主驾的车窗"): the clause's own, or it is no zone exception. */
    List<String> exceptDevices = List.of();
    /** The verb of a compound noun ("座椅加热": HEAT), if any: said by the noun, not by the driver. */
    Verb nounVerb;
    /** "on" before a zone ("warmer on the passenger side"): a verb only when nothing else in the clause says what. */
    Verb prepositionVerb;
    /** A unit said before its number ("华氏72度"). */
    String prefixUnit;
    boolean unsupported;
    /** A "back" that is the rear row unless the device moves forward and back. */
    boolean backIsZone;
    int units;
    int unknownUnits;

    Clause(String text) {
        this.text = text;
    }

    boolean hasDevice() {
        return !nounDevices.isEmpty() || cue != null || namingValue() != null;
    }

    boolean hasAction() {
        return !verbs.isEmpty() || cue != null || state != null || !values.isEmpty() || amount != null
                || intensity != null;
    }

    /** The value word said for a device ("fast" for the wipers), if any. */
    Meaning.ValueWord valueFor(String device) {
        return values.stream().filter(v -> v.device().equals(device)).findFirst().orElse(null);
    }

    /** A value word that also names its device ("night mode", "bluetooth"). */
    Meaning.ValueWord namingValue() {
        return values.stream().filter(Meaning.ValueWord::names).findFirst().orElse(null);
    }

    boolean hasZone() {
        return !rows.isEmpty() || !sides.isEmpty() || allZones || otherSide;
    }

    /** Only zone words (and fillers): "and the passenger", "后排也是", "the other side too"; not "my eyes hurt". */
    boolean zoneOnly() {
        return hasZone() && !hasDevice() && !hasAction() && !unsupported && unknownUnits == 0;
    }

    boolean empty() {
        return !hasZone() && !hasDevice() && !hasAction() && !unsupported && !question && !yesNoQuestion
                && !exceptsZones();
    }

    boolean exceptsZones() {
        return !exceptRows.isEmpty() || !exceptSides.isEmpty();
    }

    /** "除了我这边": only zones left out, for the clause next to it. */
    boolean exceptionOnly() {
        return exceptsZones() && !hasZone() && !hasDevice() && !hasAction() && !unsupported && unknownUnits == 0;
    }

    /** Takes the exception of an exception-only clause; one naming another device makes this clause uncertain. */
    void takeException(Clause other) {
        exceptRows.addAll(other.exceptRows);
        exceptSides.addAll(other.exceptSides);
        if (other.exceptDevices.isEmpty()) {
            return;
        }
        if (nounDevices.isEmpty()) {
            nounDevices = other.exceptDevices;   // "除了主驾的车窗，其他都打开"
        } else if (!nounDevices.equals(other.exceptDevices)) {
            negated = true;
        }
    }

    /** Takes the action slots of another clause (for "and the sunroof"). */
    void borrowAction(Clause other) {
        verbs.addAll(other.verbs);
        if (cue == null && other.cue != null && other.cue.device() == null) {
            cue = other.cue;
        }
        borrowNegation(other);
        if (state == null) {
            state = other.state;
            complaint = other.complaint;
        }
        if (amount == null) {
            amount = other.amount;
            absolute = other.absolute;
            relative = other.relative;
        }
        if (intensity == null) {
            intensity = other.intensity;
        }
        if (values.isEmpty()) {
            other.values.stream().filter(v -> !v.names()).forEach(values::add);
        }
    }

    /** "不要开空调和座椅加热": a denial (or a stop) covers the nouns listed after it. */
    void borrowNegation(Clause other) {
        negated |= other.negated;
        prohibition |= other.prohibition;
        stop |= other.stop;
    }

    /** Whether the only verb is the one a compound noun says by itself ("座椅加热"): a noun in a list. */
    boolean onlyNounVerb() {
        return nounVerb != null && verbs.equals(List.of(nounVerb)) && cue == null && state == null
                && values.isEmpty() && amount == null && intensity == null;
    }

    /** Takes the device of another clause (for "set the driver to 22 and the passenger to 24"). */
    void borrowDevice(Clause other) {
        nounDevices = other.nounDevices;
        if (cue == null && other.cue != null) {
            cue = other.cue;
        }
        if (namingValue() == null && other.namingValue() != null) {
            values.add(other.namingValue());
        }
    }

    void addZonesOf(Clause other) {
        rows.addAll(other.rows);
        sides.addAll(other.sides);
        allZones |= other.allZones;
        otherSide |= other.otherSide;
    }

    @Override
    public String toString() {
        return "Clause[" + text + " nouns=" + nounDevices + " verbs=" + verbs + " cue=" + cue + " state=" + state
                + (complaint ? " complaint" : "") + " values=" + values + " rows=" + rows + " sides=" + sides
                + (allZones ? " all" : "") + (otherSide ? " other" : "") + " intensity=" + intensity + " amount="
                + amount + (absolute ? " abs" : "") + (relative ? " rel" : "") + (question ? " question" : "")
                + (unsupported ? " unsupported" : "") + (negated ? " negated" : "") + (stop ? " stop" : "") + " unknown=" + unknownUnits + "/" + units + "]";
    }
}
