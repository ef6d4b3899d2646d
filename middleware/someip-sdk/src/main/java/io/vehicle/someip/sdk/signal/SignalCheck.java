package io.vehicle.someip.sdk.signal;

import io.vehicle.idl.someip.SomeIpOptionsProto;
import io.vehicle.someip.sdk.signal.SignalViolation.Kind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Checks a value against a signal's metadata from the IDL before it is written: access, type,
 * range and allowed values. An ECU checks again (it has the last word); this check lets a client
 * be told precisely why, without a round trip.
 */
public final class SignalCheck {

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private SignalCheck() {
    }

    /** Empty when {@code value} may be written to {@code signal}, else the first violation. */
    public static Optional<SignalViolation> write(SignalDefinition signal, Object value) {
        if (!signal.writable()) {
            return violation(signal, Kind.READ_ONLY, "read-only");
        }
        return value(signal, value);
    }

    /**
     * Every signal a whole field value carries, checked as an ECU checks a setter's value: the
     * violations of the signals of {@code message}'s type (empty when all fit). Access is not
     * checked: the message is the whole field, read-only members included. An enum left at its
     * zero value ({@code UNSPECIFIED}, protobuf's "not set") passes here, unlike in a single write.
     */
    public static List<SignalViolation> message(SignalRegistry registry, com.google.protobuf.Message message) {
        List<SignalViolation> violations = new java.util.ArrayList<>();
        for (SignalDefinition signal : registry.all()) {
            if (!signal.rootType().equals(message.getDescriptorForType())) {
                continue;
            }
            Object value = SignalCodec.read(signal, message);
            if (signal.type() == SignalType.ENUM && !signal.array()
                    && value.equals(EnumNames.shortName(signal.leaf().getEnumType().getValues().get(0)))) {
                continue;
            }
            value(signal, value).ifPresent(violations::add);
        }
        return violations;
    }

    /** Like {@link #write} without the access check: whether a value fits the signal at all. */
    public static Optional<SignalViolation> value(SignalDefinition signal, Object value) {
        if (value == null) {
            return violation(signal, Kind.WRONG_TYPE, "no value");
        }
        if (signal.array()) {
            if (!(value instanceof List<?> list)) {
                return violation(signal, Kind.WRONG_TYPE, "expects a list of " + describe(signal.type()) + ", not "
                        + value);
            }
            int fixed = signal.leaf().getOptions().getExtension(SomeIpOptionsProto.wire).getArrayFixedLength();
            if (fixed > 0 && list.size() != fixed) {
                return violation(signal, Kind.WRONG_TYPE, "expects exactly " + fixed + " values, not " + list.size());
            }
            for (Object element : list) {
                Optional<SignalViolation> bad = element(signal, element);
                if (bad.isPresent()) {
                    return bad;
                }
            }
            return Optional.empty();
        }
        return element(signal, value);
    }

    private static Optional<SignalViolation> element(SignalDefinition signal, Object value) {
        SignalType type = signal.type();
        switch (type) {
            case BOOLEAN -> {
                return value instanceof Boolean ? Optional.empty()
                        : violation(signal, Kind.WRONG_TYPE, "expects true or false, not " + quote(value));
            }
            case STRING, ENUM -> {
                if (!(value instanceof String text)) {
                    return violation(signal, Kind.WRONG_TYPE, "expects " + describe(type) + ", not " + quote(value));
                }
                if (!signal.allowed().isEmpty() && !signal.allowed().contains(text)) {
                    return violation(signal, Kind.NOT_ALLOWED, quote(text) + " is not one of " + signal.allowed());
                }
                if (type == SignalType.ENUM && EnumNames.value(signal.leaf().getEnumType(), text) == null) {
                    return violation(signal, Kind.NOT_ALLOWED, quote(text) + " is not a value of "
                            + signal.leaf().getEnumType().getName());
                }
                return Optional.empty();
            }
            default -> {
                return number(signal, value);
            }
        }
    }

    private static Optional<SignalViolation> number(SignalDefinition signal, Object value) {
        SignalType type = signal.type();
        if (!(value instanceof Number number)) {
            return violation(signal, Kind.WRONG_TYPE, "expects " + describe(type) + ", not " + quote(value));
        }
        double asDouble = number.doubleValue();
        if (Double.isNaN(asDouble) || Double.isInfinite(asDouble)) {
            return violation(signal, Kind.WRONG_TYPE, "expects a finite number, not " + value);
        }
        if (type.isIntegral()) {
            boolean whole = number instanceof Long || number instanceof Integer || number instanceof Short
                    || number instanceof Byte || asDouble == Math.rint(asDouble);
            if (!whole) {
                return violation(signal, Kind.WRONG_TYPE, "expects a whole number, not " + value);
            }
            long whole64 = number.longValue();
            boolean fits = switch (type) {
                case INT32 -> whole64 >= Integer.MIN_VALUE && whole64 <= Integer.MAX_VALUE;
                case UINT32 -> whole64 >= 0 && whole64 <= UINT32_MAX;
                case UINT64 -> whole64 >= 0;
                default -> true;
            };
            if (!fits || Math.abs(asDouble) > 0x1p63) {
                return violation(signal, Kind.OUT_OF_RANGE, value + " does not fit " + describe(type));
            }
        }
        if (type == SignalType.FLOAT && Math.abs(asDouble) > Float.MAX_VALUE) {
            return violation(signal, Kind.OUT_OF_RANGE, value + " does not fit a float");
        }
        if (signal.min() != null && asDouble < signal.min() || signal.max() != null && asDouble > signal.max()) {
            return violation(signal, Kind.OUT_OF_RANGE, format(asDouble) + " is outside " + range(signal));
        }
        return Optional.empty();
    }

    /** {@code 16..28 celsius}, {@code 0..100 percent}. */
    public static String range(SignalDefinition signal) {
        String lower = signal.min() == null ? "" : format(signal.min());
        String upper = signal.max() == null ? "" : format(signal.max());
        return lower + ".." + upper + (signal.unit().isEmpty() ? "" : " " + signal.unit());
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String describe(SignalType type) {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case STRING -> "text";
            case ENUM -> "one of its named values";
            case FLOAT, DOUBLE -> "a number";
            case UINT32, UINT64 -> "a whole number from 0";
            default -> "a whole number";
        };
    }

    private static String quote(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static Optional<SignalViolation> violation(SignalDefinition signal, Kind kind, String reason) {
        return Optional.of(new SignalViolation(kind, signal.path(), reason));
    }
}
