package io.vehicle.assistant.intent.offline;

/**
 * A number the driver said, with the unit said right after it (or before it, as in 百分之五十).
 *
 * @param value    the number
 * @param unit     canonical unit name from the lexicon ("celsius", "fahrenheit", "degree", "percent", "mm", "cm"),
 *                 empty when none was said
 * @param fraction true for "half", "一半": a share of the signal's range rather than a value in its unit
 */
record Amount(double value, String unit, boolean fraction) {

    static Amount number(double value) {
        return new Amount(value, "", false);
    }

    Amount withUnit(String newUnit) {
        return new Amount(value, newUnit, fraction);
    }
}
