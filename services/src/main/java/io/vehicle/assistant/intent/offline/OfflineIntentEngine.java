package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.Conversation;
import io.vehicle.assistant.intent.IntentEngine;
import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.intent.VehicleState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default engine: no network, nothing downloaded. A grammar of phrases from data files reads
 * directions, amounts, units, zones and devices; an in-process sentence-embedding model finds the device of vague
 * requests by their nearest examples; a low margin asks back; off-topic input is not understood. Thread-safe once
 * built: it keeps no per-session state of its own (that lives in {@link Conversation}).
 */
public final class OfflineIntentEngine implements IntentEngine {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineIntentEngine.class);
    /** Longer input is not a spoken command; refusing it keeps the work per utterance bounded. */
    static final int MAX_UTTERANCE_LENGTH = 300;
    private static final String NAME = "offline";

    private final DeviceTable devices;
    private final Map<Language, Lexicon> lexicons;
    private final Map<Language, ClauseInterpreter> interpreters;

    OfflineIntentEngine(DeviceTable devices, Map<Language, Lexicon> lexicons, Map<Language, ExampleBank> banks) {
        this.devices = devices;
        this.lexicons = new EnumMap<>(lexicons);
        this.interpreters = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            interpreters.put(language,
                    new ClauseInterpreter(devices, lexicons.get(language), banks.get(language)));
        }
    }

    /** Loads the data files and both embedding models from the classpath and warms them up (about 2–3 s). */
    public static OfflineIntentEngine load() {
        long start = System.nanoTime();
        OfflineIntentEngine engine = OfflineData.load().engine();
        engine.warmUp();
        LOG.info("offline intent engine ready in {} ms", (System.nanoTime() - start) / 1_000_000);
        return engine;
    }

    /** The first inferences of an ONNX session are slow (11–35 ms); pay for them at start-up. */
    private void warmUp() {
        for (int i = 0; i < 3; i++) {
            understand("it is a little chilly in here", new Conversation(), VehicleState.empty());
            understand("车里有点闷", new Conversation(), VehicleState.empty());
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Understanding understand(String utterance, Conversation conversation, VehicleState state) {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(state, "state");
        String text = utterance == null ? "" : utterance.strip();
        Language language = Language.of(text);
        Understanding understanding;
        if (text.isEmpty() || text.length() > MAX_UTTERANCE_LENGTH || !speakable(text)) {
            understanding = Understanding.notUnderstood(language, NAME);
        } else {
            Understanding answer = answersQuestion(text, language)
                    ? answerToQuestion(text, language, conversation, state) : null;
            understanding = answer != null ? answer : understandText(text, language, conversation, state);
        }
        conversation.remember(text, understanding);
        return understanding;
    }

    /** Text from a speech recogniser or a keyboard: no control characters, no broken UTF-16. */
    static boolean speakable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !Character.isWhitespace(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text could answer a question: one clause that asks for nothing by itself ("the sunroof"). */
    private boolean answersQuestion(String text, Language language) {
        Lexicon lexicon = lexicons.get(language);
        List<String> parts = lexicon.clauses(text);
        return parts.size() == 1 && !ClauseReader.read(lexicon, parts.get(0)).hasAction();
    }

    /**
     * After a clarifying question, an answer that is not a request of its own ("the sunroof", "天窗")
     * completes the utterance the question was about.
     */
    private Understanding answerToQuestion(String text, Language language, Conversation conversation,
            VehicleState state) {
        Conversation.Turn last = conversation.lastTurn().orElse(null);
        if (last == null || last.understanding().kind() != Understanding.Kind.CLARIFY
                || Language.of(last.utterance()) != language) {
            return null;
        }
        Understanding combined = understandText(text + " " + last.utterance(), language, conversation, state);
        return combined.kind() == Understanding.Kind.ACTIONS ? combined : null;
    }

    private Understanding understandText(String text, Language language, Conversation conversation,
            VehicleState state) {
        Lexicon lexicon = lexicons.get(language);
        List<Clause> clauses = new ArrayList<>();
        for (String part : lexicon.clauses(text)) {
            Clause clause = ClauseReader.read(lexicon, part);
            if (!clause.empty() || clause.unknownUnits > 0) {
                clauses.add(clause);
            }
        }
        clauses = ClauseLinker.link(clauses);
        if (clauses.isEmpty()) {
            return Understanding.notUnderstood(language, NAME);
        }
        ClauseInterpreter interpreter = interpreters.get(language);
        ClauseInterpreter.Subject subject = subject(conversation.subject());
        Map<String, ProposedAction> actions = new LinkedHashMap<>();
        String vagueQuestion = null;
        for (Clause clause : clauses) {
            ClauseOutcome outcome = interpreter.interpret(clause, subject, state);
            LOG.debug("{} -> {}", clause, outcome);
            if (outcome instanceof ClauseOutcome.Clarify clarify) {
                if (!clarify.vague()) {
                    return Understanding.clarify(language, clarify.question(), NAME);
                }
                // Only the examples were unsure ("…, I can't see"): commentary next to a clear request.
                vagueQuestion = vagueQuestion == null ? clarify.question() : vagueQuestion;
            }
            if (outcome instanceof ClauseOutcome.Actions planned) {
                for (ProposedAction action : planned.actions()) {
                    actions.remove(action.path());   // the later instruction wins
                    actions.put(action.path(), action);
                }
                subject = subject(planned.actions());
            }
            // Parts the car cannot serve (NotUnderstood) are left out when other parts can be done.
        }
        if (actions.isEmpty()) {
            return vagueQuestion != null ? Understanding.clarify(language, vagueQuestion, NAME)
                    : Understanding.notUnderstood(language, NAME);
        }
        return Understanding.actions(language, List.copyOf(actions.values()), NAME);
    }

    /** The device of the last action, and the cells of that device's actions. */
    private ClauseInterpreter.Subject subject(List<ProposedAction> actions) {
        if (actions.isEmpty()) {
            return ClauseInterpreter.Subject.NONE;
        }
        Device device = devices.ofPath(actions.get(actions.size() - 1).path()).orElse(null);
        if (device == null) {
            return ClauseInterpreter.Subject.NONE;
        }
        List<ProposedAction> own = actions.stream()
                .filter(a -> devices.ofPath(a.path()).orElse(null) == device).toList();
        return new ClauseInterpreter.Subject(device, ClauseInterpreter.cellsOf(own), own);
    }
}
