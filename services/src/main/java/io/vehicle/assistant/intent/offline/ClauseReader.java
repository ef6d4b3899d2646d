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
        boolean excess = false;
        boolean sufficient = false;
        boolean weakNoun = false;
        boolean deniedRequest = false;
        boolean ongoing = false;
        int ongoingUnits = 0;
        boolean exceptionSaid = false;
        boolean inException = false;
        boolean unclearException = false;
        for (int i = 0; i < matches.size(); i++) {
            Lexicon.Match match = matches.get(i);
            Lexicon.Match previous = neighbour(matches, i, -1);
            Lexicon.Match next = neighbour(matches, i, 1);
            boolean zoneTaken = false;
            for (Meaning meaning : reading(matches, i)) {
                if (meaning instanceof Meaning.Noun noun && inException) {
                    clause.exceptDevices = noun.devices();   // "except the driver's window": whose, not what
                } else if (meaning instanceof Meaning.Zone zone && inException && !zone.all()) {
                    unclearException |= zone.other();
                    clause.exceptRows.addAll(zone.rows());
                    if (zone.side() != null) {
                        clause.exceptSides.add(zone.side());
                    }
                } else if (meaning instanceof Meaning.Noun noun) {
                    // A word that is also a verb ("lock", "座椅加热") names a device only when no other noun does.
                    boolean alsoVerb = match.first(Meaning.VerbWord.class) != null || noun.verb() != null
                            || match.first(Meaning.Cue.class) != null;
                    if (clause.nounDevices.isEmpty() || (weakNoun && !alsoVerb)) {
                        clause.nounDevices = noun.devices();
                        weakNoun = alsoVerb;
                    } else if (i > 0 && matches.get(i - 1).first(Meaning.Noun.class) != null
                            && matches.get(i - 1).end() == match.start()) {
                        clause.headDevices = noun.devices();   // a compound: the second noun is its head
                    }
                    clause.nounAll |= noun.all();
                    if (noun.verb() != null && !clause.verbs.contains(noun.verb())) {
                        clause.verbs.add(noun.verb());
                        clause.nounVerb = noun.verb();
                    }
                } else if (meaning instanceof Meaning.VerbWord verb) {
                    if (match.has(Meaning.Marker.ZONE_PREPOSITION) && next != null
                            && next.first(Meaning.Zone.class) != null) {
                        clause.prepositionVerb = verb.verb();
                        continue;
                    }
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
                        clause.complaint = excess || (!requestSeen && !requestAfter);
                    }
                } else if (meaning instanceof Meaning.ValueWord value) {
                    clause.values.add(value);
                } else if (meaning instanceof Meaning.Zone zone) {
                    inException = false;   // "除了主驾都打开", "其他车窗": the rest, after the exception
                    if (match.first(Meaning.VerbWord.class) == null && !zoneTaken) {
                        addZone(clause, zone);
                        zoneTaken = true;
                    }
                } else if (meaning instanceof Meaning.IntensityWord intensity) {
                    if (clause.intensity == null || intensity.intensity() == Intensity.FULL) {
                        clause.intensity = intensity.intensity();
                    }
                } else if (meaning instanceof Meaning.Unit unit) {
                    readUnit(clause, unit, previous, next);
                } else if (meaning instanceof Meaning.Number number) {
                    if (clause.amount == null) {
                        clause.amount = number.amount();
                        // "调到百分之二十", "华氏72度": the marker may stand before a prefix unit.
                        Lexicon.Match marker = previous != null && previous.first(Meaning.Unit.class) != null
                                ? neighbour(matches, index(matches, i, -1), -1) : previous;
                        clause.absolute |= marker != null && marker.has(Meaning.Marker.ABSOLUTE);
                        clause.relative |= marker != null && marker.has(Meaning.Marker.RELATIVE);
                        if (previous != null && "percent-prefix".equals(unitOf(previous))) {
                            clause.amount = clause.amount.withUnit("percent");
                        } else if (clause.prefixUnit != null) {
                            clause.amount = clause.amount.withUnit(clause.prefixUnit);
                        }
                    }
                } else if (meaning == Meaning.Marker.REQUEST_BEFORE) {
                    requestSeen = true;
                } else if (meaning == Meaning.Marker.NEGATION) {
                    clause.negated = true;
                } else if (meaning == Meaning.Marker.NEGATED_REQUEST) {
                    clause.negated = true;
                    deniedRequest = true;
                } else if (meaning == Meaning.Marker.EXCEPTION) {
                    exceptionSaid = true;
                    inException = true;
                } else if (meaning == Meaning.Marker.EXCEPTION_END) {
                    inException = false;
                } else if (meaning == Meaning.Marker.PROHIBITION) {
                    clause.negated = true;
                    clause.prohibition = true;
                } else if (meaning == Meaning.Marker.ONGOING) {
                    ongoing = true;
                    if (match.meanings().size() == 1) {
                        ongoingUnits += match.end() - match.start();
                    }
                } else if (meaning == Meaning.Marker.SUFFICIENT) {
                    sufficient = true;
                } else if (meaning == Meaning.Marker.EXCESS) {
                    excess = true;   // "not so loud", "别那么吵": less of it, whatever came before
                } else if (meaning == Meaning.Marker.STATE_NEGATION) {
                    // "我不冷", "不太热": 不 denies the state after it, and "不开空调" the verb right after it; after
                    // an unread character it is part of a word the lexicon does not know ("受不了", "伸不开",
                    // "打不开": cannot) and counts as unread.
                    if (next != null && next.first(Meaning.State.class) != null) {
                        clause.negated = true;
                    } else if (deniesVerb(matches, i)) {
                        clause.negated = true;
                        deniedRequest = true;
                    } else {
                        clause.unknownUnits += match.end() - match.start();
                    }
                } else if (meaning == Meaning.Marker.QUESTION) {
                    clause.question = true;
                } else if (meaning == Meaning.Marker.QUESTION_START && i == 0) {
                    clause.yesNoQuestion = true;
                } else if (meaning == Meaning.Marker.QUESTION_END && i == matches.size() - 1
                        && !matches.get(0).has(Meaning.Marker.POLITE)) {
                    clause.yesNoQuestion = true;
                } else if (meaning == Meaning.Marker.UNSUPPORTED) {
                    clause.unsupported = true;
                }
            }
        }
        if (deniedRequest && ongoing && !clause.prohibition && clause.state == null
                && clause.verbs.contains(Verb.ON)) {
            // "别开了", "空调不用开着了", "don't keep the seat heater on": no longer on, which is off.
            clause.verbs.replaceAll(verb -> verb == Verb.ON ? Verb.OFF : verb);
            clause.negated = false;
            clause.stop = true;
        } else {
            clause.unknownUnits += ongoingUnits;   // "keep", "leave" say nothing outside a denial
        }
        if (sufficient) {
            readSufficiency(clause, deniedRequest);
        }
        if (exceptionSaid) {
            readException(clause, unclearException);
        }
        boolean saysWhat = !clause.verbs.isEmpty() || clause.cue != null || clause.state != null
                || clause.amount != null || !clause.values.isEmpty();
        if (clause.prepositionVerb != null && !saysWhat) {
            clause.verbs.add(clause.prepositionVerb);   // "seat heater on the passenger side": switch it on there
        }
        return clause;
    }

    /**
     * The meanings of a match that count here. A word that is a device-choosing verb and also something else
     * ("heat" the temperature, "warm" a state, "warm up" a cue for warmth) is the verb only in the imperative with
     * an object after it ("heat my seat", "please warm up the rear glass", "cool the back"; "warm up the steering
     * wheel" names something the assistant cannot control and is not the cabin's warmth); otherwise it is the
     * other thing ("turn the heat down", "it's warm in the back seat", "warm up the car").
     */
    private static List<Meaning> reading(List<Lexicon.Match> matches, int index) {
        Lexicon.Match match = matches.get(index);
        Meaning.VerbWord verb = match.first(Meaning.VerbWord.class);
        if (verb == null || !verb.verb().choosesDevice() || match.meanings().size() == 1) {
            return match.meanings();
        }
        // Only polite words before it, and no unknown word between them ("please heat", not "it's warm").
        List<Lexicon.Match> before = matches.subList(0, index);
        boolean imperative = before.stream().allMatch(m -> m.has(Meaning.Marker.POLITE))
                && before.stream().mapToInt(m -> m.end() - m.start()).sum() == match.start();
        boolean object = matches.subList(index + 1, matches.size()).stream()
                .anyMatch(m -> m.first(Meaning.Noun.class) != null || m.first(Meaning.Zone.class) != null
                        || m.has(Meaning.Marker.UNSUPPORTED));
        if (imperative && object) {
            return List.of(verb);
        }
        return match.meanings().stream().filter(m -> m != verb).toList();
    }

    /**
     * "Enough" says how much of a state there is. Denied ("not warm enough", "isn't loud enough") it is too little
     * of it: the opposite complaint, done. Otherwise ("warm enough", "声音够大了", "温度足够了") the state is as it
     * should be and nothing changes; asked for ("make it warm enough") it is the request as said. Stopping a device
     * ("enough with the fan", "够了") is a verb, not this.
     */
    private static void readSufficiency(Clause clause, boolean deniedRequest) {
        if (clause.verbs.contains(Verb.OFF) && clause.state == null && !clause.negated) {
            clause.enoughStop = true; // "够了": the word is the off verb as well
            return;
        }
        if (clause.state != null && !clause.complaint && !clause.negated) {
            return; // a request for the state ("make it warm enough"): as without the word
        }
        if (clause.negated && clause.state != null && clause.state.level() != null && !deniedRequest
                && !clause.prohibition) {
            LexiconFile.Level opposite = clause.state.level() == LexiconFile.Level.HIGH ? LexiconFile.Level.LOW
                    : LexiconFile.Level.HIGH;
            clause.state = new Meaning.State(clause.state.quantity(), opposite);
            clause.complaint = true;
            clause.negated = false;
        } else {
            clause.negated = true;
        }
    }

    /**
     * An exception of zones leaves them out ("open all the windows except mine"); an exception of another device
     * or of nothing known makes the clause uncertain, so it is not done ("close everything except the sunroof").
     */
    private static void readException(Clause clause, boolean unclear) {
        boolean ownDevice = clause.exceptDevices.isEmpty() || clause.nounDevices.isEmpty()
                || clause.nounDevices.equals(clause.exceptDevices);
        if (unclear || !ownDevice || !clause.exceptsZones()) {
            clause.negated = true;
            clause.exceptRows.clear();
            clause.exceptSides.clear();
        } else if (clause.nounDevices.isEmpty() && clause.hasAction()) {
            clause.nounDevices = clause.exceptDevices;   // "除了主驾的车窗都打开": the rest of the windows
        }
    }

    /** Whether the 不 at {@code index} denies the verb right after it: it starts a word and the verb follows it. */
    private static boolean deniesVerb(List<Lexicon.Match> matches, int index) {
        Lexicon.Match negation = matches.get(index);
        Lexicon.Match next = index + 1 < matches.size() ? matches.get(index + 1) : null;
        boolean wordStart = negation.start() == 0 || (index > 0 && matches.get(index - 1).end() == negation.start());
        return wordStart && next != null && next.start() == negation.end()
                && next.first(Meaning.VerbWord.class) != null;
    }

    /** The nearest match before or after, skipping fillers ("half a degree": the unit belongs to "half"). */
    private static Lexicon.Match neighbour(List<Lexicon.Match> matches, int index, int step) {
        int found = index(matches, index, step);
        return found < 0 ? null : matches.get(found);
    }

    private static int index(List<Lexicon.Match> matches, int index, int step) {
        for (int i = index + step; i >= 0 && i < matches.size(); i += step) {
            Lexicon.Match match = matches.get(i);
            boolean filler = match.meanings().stream()
                    .allMatch(m -> m == Meaning.Marker.FILLER || m == Meaning.Marker.POLITE
                            || m == Meaning.Marker.ONGOING);   // "了" says nothing about its neighbours
            if (!filler) {
                return i;
            }
        }
        return -1;
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

    /**
     * A unit counts right after a number ("22 degrees", "二十二度半", "半度"), or right before one for the
     * prefixes 百分之 and 华氏 ("华氏72度"); a more specific unit is not overridden by a later "度".
     * "半"/"and a half" after a number adds a half; alone it is a half.
     */
    private static void readUnit(Clause clause, Meaning.Unit unit, Lexicon.Match previous, Lexicon.Match next) {
        String name = unit.unit();
        boolean afterNumber = previous != null && previous.first(Meaning.Number.class) != null;
        Meaning.Unit previousUnit = previous == null ? null : previous.first(Meaning.Unit.class);
        boolean afterHalf = previousUnit != null && previousUnit.unit().equals("half-after");
        if (name.equals("half-after")) {
            if (clause.amount == null) {
                clause.amount = new Amount(0.5, "", true);
            } else if (afterNumber || previousUnit != null) {
                clause.amount = new Amount(clause.amount.value() + 0.5, clause.amount.unit(), false);
            }
            return;
        }
        if (name.equals("percent-prefix")) {
            return;   // applied when the number is read
        }
        if (clause.amount == null) {
            if (next != null && next.first(Meaning.Number.class) != null) {
                clause.prefixUnit = name;
            }
            return;
        }
        if (afterNumber || afterHalf) {
            Amount amount = clause.amount;
            if (amount.fraction()) {
                clause.amount = new Amount(amount.value(), name, false);   // "half a degree", "半度"
            } else if (amount.unit().isEmpty() || amount.unit().equals("degree")) {
                clause.amount = amount.withUnit(name);
            }
        }
    }
}
