package io.vehicle.assistant.intent;

/** The languages the assistant understands and answers in. */
public enum Language {
    EN,
    ZH;

    /** Chinese when the text contains any CJK ideograph, English otherwise. */
    public static Language of(String text) {
        return text.codePoints().anyMatch(Language::isCjk) ? ZH : EN;
    }

    static boolean isCjk(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
