package io.vehicle.assistant.reply;

import io.vehicle.assistant.intent.Language;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The texts of {@code assistant/reply/ecu-errors.yaml}: why an ECU refused a write, per error name, and the name of
 * the ECU behind each IDL service.
 *
 * @param ecus   IDL service full name → per language the ECU's name ("the door control unit", "车门控制器")
 * @param errors error name (EcuError.return_code_name) → per language a part of a sentence ({name}, {action}, {ecu})
 */
record EcuErrorPhrases(Map<String, Map<Language, String>> ecus, Map<String, Map<Language, String>> errors) {

    static final String RESOURCE = "assistant/reply/ecu-errors.yaml";

    /** How the IDL names an application error (feat_req_someip_371 codes); SOME/IP's own codes start with E_. */
    private static final Pattern APPLICATION_ERROR = Pattern.compile("(?!E_)[A-Z][A-Z0-9_]*");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9A-Fa-f]+");
    /** A parenthesis that names a VSS path: for engineers, not for the driver. */
    private static final Pattern VSS_ASIDE = Pattern.compile("\\s*\\([^()]*\\bVehicle\\.[^()]*\\)");

    static EcuErrorPhrases load() {
        EcuErrorPhrases phrases = PhraseFile.read(RESOURCE, EcuErrorPhrases.class);
        phrases.errors().forEach((name, texts) -> requireBothLanguages("errors." + name, texts));
        phrases.ecus().forEach((service, texts) -> requireBothLanguages("ecus." + service, texts));
        for (Signal signal : VehicleCatalog.signals()) {
            if (signal.writable() && !phrases.ecus().containsKey(signal.service())) {
                throw new IllegalArgumentException(RESOURCE + ": no ECU name for " + signal.service() + " (it has "
                        + signal.path() + ")");
            }
        }
        return phrases;
    }

    private static void requireBothLanguages(String key, Map<Language, String> texts) {
        for (Language language : Language.values()) {
            String text = texts == null ? null : texts.get(language);
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException(RESOURCE + ": " + key + " lacks " + language);
            }
        }
    }

    /** The phrase for an error name, if the file has one. */
    Optional<String> error(String name, Language language) {
        Map<Language, String> texts = errors.get(name);
        return texts == null ? Optional.empty() : Optional.of(texts.get(language));
    }

    /** The ECU that provides signals of an IDL service. */
    String ecu(String service, Language language) {
        Map<Language, String> texts = ecus.get(service);
        if (texts == null) {
            throw new IllegalArgumentException("no ECU name for " + service);
        }
        return texts.get(language);
    }

    /**
     * The description of an error the file does not phrase, fit to be told: only for a name that looks like an
     * application error of a newer IDL than this node's (so its description comes from that IDL), without asides
     * that name VSS paths and never with a raw code. Empty when it is not fit; the reply then says no reason.
     */
    static Optional<String> plainDescription(EcuRefusal error) {
        String text = VSS_ASIDE.matcher(error.description()).replaceAll("").strip();
        while (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (!APPLICATION_ERROR.matcher(error.name()).matches() || text.isEmpty() || HEX.matcher(text).find()
                || text.contains(error.name())) {
            return Optional.empty();
        }
        // "The trunk ..." continues a sentence in lower case; "A/C ..." or "USB ..." keep theirs.
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            text = Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return Optional.of(text);
    }
}
