package io.vehicle.assistant.reply;

import io.vehicle.assistant.intent.Language;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reply sentences of {@code assistant/reply/phrases.yaml}: how each group of signals is named per language
 * and what a change of it is called ("Windows closed", "空调已打开"), plus the sentences for refusals.
 */
record ReplyPhrases(Map<Language, Common> common, List<Group> groups) {

    /**
     * Sentences that do not depend on the signal; {name}, {min}, {max}, {unit}, {action}, {ecu}, {description},
     * {text} are filled in.
     * {@code cancelled} and {@code failed} are whole sentences; {@code dryRun} wraps the sentence of what would
     * be done.
     */
    record Common(String notUnderstood, String and, String comma, String but, String end, String outOfRange,
            String whileDriving, String notPermitted, String rateLimited, String stepTooLarge, String rejected,
            String rejectedBecause, String unavailable, String timeout, String invalid, String confirm, String confirmGeneric,
            String notAttempted, String cancelled, String failed, String dryRun, Map<String, String> zones) {
    }

    /**
     * One group of signals that read alike (the four window positions).
     *
     * @param paths   VSS paths or patterns ({@code *} = one segment)
     * @param name    per language: the plain name for refusals ("the trunk", "后备箱")
     * @param subject per language: how changed signals are named; {zone} is the zones' label, the key is
     *                "one" (one zone or unzoned), "some" (several zones) or "all"
     * @param changes per language: value → sentence part; keys "true", "false", "min", "max", an enumeration name,
     *                or "set" for any other value ({subject}, {value}, {unit})
     * @param ask     per language: value → the question before a confirmation ("Open the trunk")
     * @param unit    per language: unit text after a number (" °C", "%")
     */
    record Group(List<String> paths, Map<Language, String> name, Map<Language, Map<String, String>> subject,
            Map<Language, Map<String, String>> changes, Map<Language, Map<String, String>> ask,
            Map<Language, String> unit) {

        boolean covers(String path) {
            for (String pattern : paths) {
                if (Pattern.compile(Pattern.quote(pattern).replace("*", "\\E[^.]+\\Q")).matcher(path).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    static ReplyPhrases load() {
        String resource = "assistant/reply/phrases.yaml";
        try {
            ReplyPhrases phrases = PhraseFile.read(resource, ReplyPhrases.class);
            for (Language language : Language.values()) {
                Common common = phrases.common().get(language);
                if (common == null) {
                    throw new IllegalArgumentException(resource + ": no common sentences for " + language);
                }
                for (java.lang.reflect.RecordComponent part : Common.class.getRecordComponents()) {
                    if (part.getAccessor().invoke(common) == null) {
                        throw new IllegalArgumentException(resource + ": common." + language + " lacks "
                                + part.getName());
                    }
                }
                for (Group group : phrases.groups()) {
                    if (group.name().get(language) == null || group.subject().get(language) == null
                            || group.changes().get(language) == null) {
                        throw new IllegalArgumentException(resource + ": group " + group.paths() + " lacks "
                                + language);
                    }
                }
            }
            return phrases;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
