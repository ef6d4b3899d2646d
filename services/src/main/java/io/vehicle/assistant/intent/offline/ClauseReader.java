package io.vehicle.assistant.intent.offline;

import java.util.List;

/** Fills a {@link Clause} from the lexicon's matches, in the order they were said. */
final class ClauseReader {

    private ClauseReader() {
    }

    static Clause read(Lexicon lexicon, String text) {
        Lexicon.Scan scan = lexicon.scan(text);
        Clause clause = new Clause(text);
        clause.units = scan.units();
        clause.unknownUnits = scan.unknownUnits();
        List<Lexicon.Match> matches = scan.matches();
        boolean requestSeen = false;
        boolean weakNoun = false;
        for (int i = 0; i < matches.size(); i++) {
            Lexicon.Match match = matches.get(i);
            Lexicon.Match previous = i > 0 ? matches.get(i - 1) : null;
            Lexicon.Match next = i + 1 < matches.size() ? matches.get(i + 1) : null;
            boolean zoneTaken = false;
            for (Meaning meaning : match.meanings()) {
                if (meaning instanceof Meaning.Noun noun) {
                    // A word that is also a verb ("lock") names a device only when no other noun does.
                    boolean alsoVerb = match.first(Meaning.VerbWord.class) != null;
                    if (clause.nounDevices.isEmpty() || (weakNoun && !alsoVerb)) {
                        clause.nounDevices = noun.devices();
                        weakNoun = alsoVerb;
                    }
                    clause.nounAll |= noun.all();
                } else if (meaning instanceof Meaning.VerbWord verb) {
                    if (!clause.verbs.contains(verb.verb())) {
                        clause.verbs.add(verb.verb());
                    }
                    if (verb.verb() == Verb.BACKWARD && match.first(Meaning.Zone.class) != null) {
                        clause.backIsZone = true;
                    }
                } else if (meaning instanceof Meaning.Cue cue) {
                    if (clause.cue == null) {
                        clause.cue = cue;
                    }
                } else if (meaning instanceof Meaning.State state) {
                    if (clause.state == null) {
                        clause.state = state;
                        boolean requestAfter = next != null && next.has(Meaning.Marker.REQUEST_AFTER);
                        clause.complaint = !requestSeen && !requestAfter;
                    }
                } else if (meaning instanceof Meaning.ValueWord value) {
                    clause.values.add(value);
                } else if (meaning instanceof Meaning.Zone zone) {
                    if (match.first(Meaning.VerbWord.class) == null && !zoneTaken) {
                        addZone(clause, zone);
                        zoneTaken = true;
                    }
                } else if (meaning instanceof Meaning.IntensityWord intensity) {
                    if (clause.intensity == null || intensity.intensity() == Intensity.FULL) {
                        clause.intensity = intensity.intensity();
                    }
                } else if (meaning instanceof Meaning.Unit unit) {
                    readUnit(clause, unit, previous);
                } else if (meaning instanceof Meaning.Number number) {
                    if (clause.amount == null) {
                        clause.amount = number.amount();
                        clause.absolute |= previous != null && previous.has(Meaning.Marker.ABSOLUTE);
                        clause.relative |= previous != null && previous.has(Meaning.Marker.RELATIVE);
                        if (previous != null && "percent-prefix".equals(unitOf(previous))) {
                            clause.amount = clause.amount.withUnit("percent");
                        }
                    }
                } else if (meaning == Meaning.Marker.REQUEST_BEFORE) {
                    requestSeen = true;
                } else if (meaning == Meaning.Marker.QUESTION) {
                    clause.question = true;
                } else if (meaning == Meaning.Marker.UNSUPPORTED) {
                    clause.unsupported = true;
                }
            }
        }
        return clause;
    }

    private static String unitOf(Lexicon.Match match) {
        Meaning.Unit unit = match.first(Meaning.Unit.class);
        return unit == null ? null : unit.unit();
    }

    private static void addZone(Clause clause, Meaning.Zone zone) {
        clause.rows.addAll(zone.rows());
        if (zone.side() != null) {
            clause.sides.add(zone.side());
        }
        clause.allZones |= zone.all();
        clause.otherSide |= zone.other();
    }

    /** A unit counts only right after a number ("22 degrees", "二十二度半"); "半" after one adds a half. */
    private static void readUnit(Clause clause, Meaning.Unit unit, Lexicon.Match previous) {
        if (previous == null || clause.amount == null) {
            if (unit.unit().equals("half-after") && clause.amount == null) {
                clause.amount = new Amount(0.5, "", true);
            }
            return;
        }
        boolean afterNumber = previous.first(Meaning.Number.class) != null;
        boolean afterUnit = previous.first(Meaning.Unit.class) != null;
        if (unit.unit().equals("half-after") && (afterNumber || afterUnit)) {
            clause.amount = new Amount(clause.amount.value() + 0.5, clause.amount.unit(), false);
        } else if (afterNumber && !unit.unit().equals("percent-prefix") && !unit.unit().equals("half-after")) {
            Amount amount = clause.amount;
            String unitName = unit.unit();
            clause.amount = amount.fraction()
                    ? new Amount(amount.value(), unitName, false)   // "half a degree", "半度"
                    : amount.withUnit(unitName);
        }
    }
}
