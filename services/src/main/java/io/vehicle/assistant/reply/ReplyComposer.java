package io.vehicle.assistant.reply;

import io.vehicle.assistant.intent.CabinZone;
import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One short sentence in the driver's language from what became of the proposed writes: what changed ("Windows
 * closed and A/C on.", "车窗已关闭，空调已打开。"), why not ("The temperature can only be set between 16 and
 * 28 °C.", "The trunk is locked, so it stayed closed."), a confirmation question ("Open the trunk? Say yes to
 * confirm."), the clarifying question, or "I didn't understand." Only {@link ActionStatus#CONFIRMED} results are
 * told as done.
 */
public final class ReplyComposer {

    private final ReplyPhrases phrases;
    private final EcuErrorPhrases ecuErrors;
    private final Map<String, Signal> catalog;
    /** The phrase group of each catalog path, and the zones each group covers: matched once, not per reply. */
    private final Map<String, ReplyPhrases.Group> groupOfPath = new HashMap<>();
    private final Map<ReplyPhrases.Group, Set<CabinZone>> zonesOfGroup = new IdentityHashMap<>();

    private ReplyComposer(ReplyPhrases phrases, EcuErrorPhrases ecuErrors) {
        this.phrases = phrases;
        this.ecuErrors = ecuErrors;
        this.catalog = VehicleCatalog.signals().stream().collect(Collectors.toMap(Signal::path, Function.identity()));
        for (ReplyPhrases.Group group : phrases.groups()) {
            Set<CabinZone> covered = EnumSet.noneOf(CabinZone.class);
            for (String path : catalog.keySet()) {
                if (group.covers(path)) {
                    groupOfPath.putIfAbsent(path, group);
                    CabinZone.ofPath(path).ifPresent(covered::add);
                }
            }
            zonesOfGroup.put(group, covered);
        }
    }

    /** Reads the phrases from the classpath ({@code assistant/reply/phrases.yaml} and {@code ecu-errors.yaml}). */
    public static ReplyComposer load() {
        return new ReplyComposer(ReplyPhrases.load(), EcuErrorPhrases.load());
    }

    /**
     * @param understanding what the engine made of the utterance (its language is the reply's)
     * @param results       one result per proposed action; ignored unless the understanding has actions
     * @throws IllegalArgumentException when actions were proposed but no result is given for any of them
     */
    public String compose(Understanding understanding, List<ActionResult> results) {
        Language language = understanding.language();
        ReplyPhrases.Common common = phrases.common().get(language);
        switch (understanding.kind()) {
            case NOT_UNDERSTOOD:
                return common.notUnderstood();
            case CLARIFY:
                return understanding.question();
            default:
                break;
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results for the proposed actions");
        }
        for (ActionResult result : results) {
            if (result.status() == ActionStatus.NEEDS_CONFIRMATION) {
                return common.confirm().replace("{action}", capitalize(action(result, language), language));
            }
        }
        List<String> done = describeConfirmed(results, language, common);
        List<String> refused = new ArrayList<>();
        for (ActionResult result : results) {
            if (result.status() != ActionStatus.CONFIRMED) {
                String sentence = refusal(result, language, common);
                if (!refused.contains(sentence)) {
                    refused.add(sentence);
                }
            }
        }
        String doneText = join(done, common);
        String refusedText = join(refused, common);
        String sentence = doneText.isEmpty() ? refusedText
                : refusedText.isEmpty() ? doneText : doneText + common.but() + refusedText;
        return capitalize(sentence, language) + common.end();
    }

    /** "OK, I'll leave it as it is.": the driver declined a question or dismissed a suggestion. */
    public String cancelled(Language language) {
        return phrases.common().get(language).cancelled();
    }

    /** The plain apology when something broke and nothing was changed. */
    public String failed(Language language) {
        return phrases.common().get(language).failed();
    }

    /**
     * What a dry run would do: the sentence for the given results as if each had been confirmed, marked as
     * hypothetical ("Would do: Driver side set to 23 °C.").
     */
    public String dryRun(Understanding understanding, List<ActionResult> wouldBe) {
        return phrases.common().get(understanding.language()).dryRun()
                .replace("{text}", compose(understanding, wouldBe));
    }

    /**
     * Confirmed writes told in one part: the same phrase group (by identity: a group's own hash would walk all
     * its phrases), the same change and the same value.
     */
    private record Bucket(ReplyPhrases.Group group, String key, String value) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Bucket bucket && bucket.group == group && bucket.key.equals(key)
                    && bucket.value.equals(value);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(group) * 31 + key.hashCode()) * 31 + value.hashCode();
        }
    }

    /** Confirmed writes, one part per group and value, naming the zones together ("Rear windows closed"). */
    private List<String> describeConfirmed(List<ActionResult> results, Language language,
            ReplyPhrases.Common common) {
        Map<Bucket, List<ActionResult>> buckets = new LinkedHashMap<>();
        for (ActionResult result : results) {
            if (result.status() == ActionStatus.CONFIRMED) {
                ReplyPhrases.Group group = group(result.path());
                buckets.computeIfAbsent(new Bucket(group, valueKey(group, result, language),
                        String.valueOf(result.value())), k -> new ArrayList<>()).add(result);
            }
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Bucket, List<ActionResult>> bucket : buckets.entrySet()) {
            ReplyPhrases.Group group = bucket.getKey().group();
            String key = bucket.getKey().key();
            ActionResult first = bucket.getValue().get(0);
            String subject = subject(group, bucket.getValue(), language, common);
            String change = group.changes().get(language).get(key);
            parts.add(change.replace("{subject}", subject).replace("{value}", format(first.value()))
                    .replace("{unit}", unit(group, language)));
        }
        return parts;
    }

    private String subject(ReplyPhrases.Group group, List<ActionResult> results, Language language,
            ReplyPhrases.Common common) {
        Map<String, String> forms = group.subject().get(language);
        Set<CabinZone> zones = EnumSet.noneOf(CabinZone.class);
        results.forEach(r -> CabinZone.ofPath(r.path()).ifPresent(zones::add));
        if (zones.isEmpty()) {
            return forms.get("one").replace("{zone}", "").strip();
        }
        Set<CabinZone> covered = zonesOfGroup.get(group);
        if (zones.equals(covered) && covered.size() > 1) {
            return forms.get("all");
        }
        String form = zones.size() == 1 ? "one" : "some";
        return forms.get(form).replace("{zone}", zoneLabel(zones, common));
    }

    private static String zoneLabel(Set<CabinZone> zones, ReplyPhrases.Common common) {
        Map<String, String> labels = common.zones();
        if (zones.size() == 1) {
            return labels.get(zones.iterator().next().name());
        }
        if (zones.equals(EnumSet.of(CabinZone.ROW1_DRIVER, CabinZone.ROW1_PASSENGER))) {
            return labels.get("front");
        }
        if (zones.equals(EnumSet.of(CabinZone.ROW2_DRIVER, CabinZone.ROW2_PASSENGER))) {
            return labels.get("rear");
        }
        if (zones.equals(EnumSet.of(CabinZone.ROW1_DRIVER, CabinZone.ROW2_DRIVER))) {
            return labels.get("left");
        }
        if (zones.equals(EnumSet.of(CabinZone.ROW1_PASSENGER, CabinZone.ROW2_PASSENGER))) {
            return labels.get("right");
        }
        return zones.stream().map(z -> labels.get(z.name())).collect(Collectors.joining(common.and()));
    }

    private String refusal(ActionResult result, Language language, ReplyPhrases.Common common) {
        ReplyPhrases.Group group = group(result.path());
        String name = group.name().get(language);
        String template = switch (result.status()) {
            case INVALID -> result.range() == null ? common.invalid() : common.outOfRange();
            case DENIED_BY_POLICY -> switch (result.denial()) {
                case WHILE_DRIVING -> common.whileDriving();
                case STEP_TOO_LARGE -> common.stepTooLarge();
                case RATE_LIMITED -> common.rateLimited();
                case NOT_PERMITTED -> common.notPermitted();
            };
            case REJECTED_BY_ECU -> ecuRefusal(result.ecuError(), language, common);
            case UNAVAILABLE -> common.unavailable();
            case TIMEOUT -> common.timeout();
            case NOT_ATTEMPTED -> common.notAttempted();
            default -> throw new IllegalStateException("not a refusal: " + result.status());
        };
        Signal signal = catalog.get(result.path());
        if (signal == null) {
            throw new IllegalArgumentException("not a signal of the catalog: " + result.path());
        }
        String ecu = ecuErrors.ecu(signal.service(), language);
        String text = template.replace("{name}", name).replace("{action}", action(result, language))
                .replace("{unit}", unit(group, language)).replace("{ecu}", ecu);
        if (result.range() != null) {
            text = text.replace("{min}", format(result.range().min())).replace("{max}", format(result.range().max()));
        }
        if (result.ecuError() != null) {
            // Last, so that nothing in the ECU's text is taken for a placeholder.
            text = text.replace("{description}", EcuErrorPhrases.plainDescription(result.ecuError()).orElse(""));
        }
        return text;
    }

    /**
     * Why the ECU refused: its error's own phrase, else the error's description, else only that it refused (no
     * error reported, a SOME/IP code that means nothing to a driver, or a description unfit to be told).
     */
    private String ecuRefusal(EcuRefusal error, Language language, ReplyPhrases.Common common) {
        if (error == null) {
            return common.rejected();
        }
        return ecuErrors.error(error.name(), language).orElseGet(() ->
                EcuErrorPhrases.plainDescription(error).isPresent() ? common.rejectedBecause() : common.rejected());
    }

    /** What the write does, as a verb phrase: "open the trunk", "打开后备箱"; generic when the data has none. */
    private String action(ActionResult result, Language language) {
        ReplyPhrases.Group group = group(result.path());
        Map<String, String> ask = group.ask() == null ? null : group.ask().get(language);
        String key = valueKey(group, result, language);
        if (ask != null && ask.containsKey(key)) {
            return ask.get(key);
        }
        return phrases.common().get(language).confirmGeneric().replace("{name}", group.name().get(language));
    }

    private String valueKey(ReplyPhrases.Group group, ActionResult result, Language language) {
        Map<String, String> changes = group.changes().get(language);
        Object value = result.value();
        if (value instanceof Boolean || (value instanceof String && changes.containsKey(value))) {
            return value.toString();
        }
        Signal signal = catalog.get(result.path());
        if (value instanceof Number number && signal != null && signal.hasRange()) {
            if (number.doubleValue() == signal.max() && changes.containsKey("max")) {
                return "max";
            }
            if (number.doubleValue() == signal.min() && changes.containsKey("min")) {
                return "min";
            }
        }
        return "set";
    }

    private ReplyPhrases.Group group(String path) {
        ReplyPhrases.Group known = groupOfPath.get(path);
        if (known != null) {
            return known;
        }
        for (ReplyPhrases.Group group : phrases.groups()) {
            if (group.covers(path)) {
                return group;
            }
        }
        throw new IllegalArgumentException("no reply phrases for " + path);
    }

    private static String unit(ReplyPhrases.Group group, Language language) {
        return group.unit() == null ? "" : Objects.requireNonNullElse(group.unit().get(language), "");
    }

    private static String join(List<String> parts, ReplyPhrases.Common common) {
        if (parts.size() <= 1) {
            return parts.isEmpty() ? "" : parts.get(0);
        }
        return String.join(common.comma(), parts.subList(0, parts.size() - 1)) + common.and()
                + parts.get(parts.size() - 1);
    }

    static String format(Object value) {
        if (value instanceof Double number) {
            return number == Math.rint(number) ? Long.toString(number.longValue())
                    : String.format(Locale.ROOT, "%.1f", number);
        }
        return String.valueOf(value);
    }

    private static String capitalize(String text, Language language) {
        if (language != Language.EN || text.isEmpty()) {
            return text;
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
