package io.vehicle.assistant.intent.offline;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a number at a position of a unit sequence: digits ("22", "22.5"), English number words ("twenty two",
 * "seventy-two" arrives as two tokens, "one hundred", "twenty two point five") or Chinese numerals ("二十二", "十五",
 * "两", "一百", "二十二点五"). The words come from the lexicon; fractions ("half", "一半") are phrases there.
 */
final class NumberReader {

    /** A number found at a position and how many units it spans. */
    record Found(Amount amount, int length) {
    }

    private final Map<String, Integer> digits;
    private final Map<String, Integer> tens;
    private final Map<String, Integer> multipliers;
    private final Set<String> decimalPoint;

    NumberReader(LexiconFile.NumberWords words) {
        this.digits = words.digits();
        this.tens = words.tens() == null ? Map.of() : words.tens();
        this.multipliers = words.multipliers() == null ? Map.of() : words.multipliers();
        this.decimalPoint = Set.copyOf(words.decimalPoint() == null ? List.of() : words.decimalPoint());
    }

    /** The number starting at {@code start}, or null; units are tokens (English) or characters (Chinese). */
    Found read(List<String> units, int start) {
        String first = units.get(start);
        if (isDigits(first)) {
            return new Found(Amount.number(Double.parseDouble(first)), 1);
        }
        if (isAsciiDigit(first)) {
            return readAsciiDigits(units, start);
        }
        return readWords(units, start);
    }

    private Found readWords(List<String> units, int start) {
        double total = 0;
        double current = -1;
        int i = start;
        while (i < units.size()) {
            String unit = units.get(i);
            Integer digit = digits.get(unit);
            Integer ten = tens.get(unit);
            Integer multiplier = multipliers.get(unit);
            if (digit != null) {
                // "二二" or "two two" are read as 22; "twenty two" adds up.
                current = current < 0 ? digit : (current % 10 == 0 && current >= 10 ? current + digit : current * 10 + digit);
            } else if (ten != null) {
                current = (current < 0 ? 0 : current) + ten;
            } else if (multiplier != null) {
                total += (current < 0 ? 1 : current) * multiplier;
                current = -1;
            } else {
                break;
            }
            i++;
        }
        if (i == start) {
            return null;
        }
        double value = total + Math.max(current, 0);
        if (i + 1 < units.size() && decimalPoint.contains(units.get(i)) && digits.containsKey(units.get(i + 1))) {
            StringBuilder decimals = new StringBuilder();
            int j = i + 1;
            while (j < units.size() && digits.containsKey(units.get(j))) {
                decimals.append(digits.get(units.get(j)));
                j++;
            }
            value += Double.parseDouble("0." + decimals);
            i = j;
        }
        return new Found(Amount.number(value), i - start);
    }

    /** Chinese text is split per character, so "22.5" arrives as "2", "2", ".", "5". */
    private static Found readAsciiDigits(List<String> units, int start) {
        StringBuilder number = new StringBuilder();
        int i = start;
        boolean point = false;
        while (i < units.size()) {
            String unit = units.get(i);
            if (isAsciiDigit(unit)) {
                number.append(unit);
            } else if (unit.equals(".") && !point && i + 1 < units.size() && isAsciiDigit(units.get(i + 1))) {
                number.append('.');
                point = true;
            } else {
                break;
            }
            i++;
        }
        return new Found(Amount.number(Double.parseDouble(number.toString())), i - start);
    }

    private static boolean isDigits(String unit) {
        return unit.length() > 1 && unit.matches("\\d+(\\.\\d+)?");
    }

    private static boolean isAsciiDigit(String unit) {
        return unit.length() == 1 && unit.charAt(0) >= '0' && unit.charAt(0) <= '9';
    }
}
