package io.vehicle.assistant.gateway;

import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.kuksa.val.v2.Value;
import java.util.List;

/**
 * Signal values between the node's plain form (a {@link Double}, {@link Long}, {@link Boolean} or an enumeration
 * name, as {@code ProposedAction} and {@code VehicleState} hold them) and {@code kuksa.val.v2.Value} on the wire.
 * The case of the oneof follows the catalog's type of the signal, as KUKSA clients send it.
 */
public final class ValueCodec {

    private ValueCodec() {
    }

    /**
     * @throws IllegalArgumentException when the value does not fit the signal's type (a fraction for a whole
     *                                  number, text for a number, an array signal)
     */
    public static Value toValue(Signal signal, Object plain) {
        String type = signal.type();
        Value.Builder value = Value.newBuilder();
        if (type.startsWith("repeated")) {
            throw new IllegalArgumentException(signal.path() + " is an array; the assistant writes scalars only");
        }
        if (type.equals("bool")) {
            if (!(plain instanceof Boolean flag)) {
                throw mismatch(signal, plain, "true or false");
            }
            return value.setBool(flag).build();
        }
        if (type.equals("float") || type.equals("double")) {
            if (!(plain instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                throw mismatch(signal, plain, "a number");
            }
            return type.equals("float") ? value.setFloat(number.floatValue()).build()
                    : value.setDouble(number.doubleValue()).build();
        }
        String base = type.split(" ")[0];
        switch (base) {
            case "uint32", "uint64", "int32", "int64", "sint32", "sint64", "fixed32", "fixed64" -> {
                long whole = whole(signal, plain);
                return switch (base) {
                    case "uint32", "fixed32" -> value.setUint32((int) whole).build();
                    case "uint64", "fixed64" -> value.setUint64(whole).build();
                    case "int32", "sint32" -> value.setInt32((int) whole).build();
                    default -> value.setInt64(whole).build();
                };
            }
            default -> {
                // string, and enumerations, which travel by their VSS name
                if (!(plain instanceof String text)) {
                    throw mismatch(signal, plain, "a text value");
                }
                return value.setString(text).build();
            }
        }
    }

    /** A wire value in the node's plain form: every number as {@link Double}; null when the oneof is empty. */
    public static Object toPlain(Value value) {
        return switch (value.getTypedValueCase()) {
            case STRING -> value.getString();
            case BOOL -> value.getBool();
            case INT32 -> (double) value.getInt32();
            case INT64 -> (double) value.getInt64();
            case UINT32 -> (double) Integer.toUnsignedLong(value.getUint32());
            case UINT64 -> (double) value.getUint64();
            // Through its decimal form, so 22.1f reads as 22.1 rather than 22.100000381469727.
            case FLOAT -> Double.parseDouble(Float.toString(value.getFloat()));
            case DOUBLE -> value.getDouble();
            case STRING_ARRAY -> List.copyOf(value.getStringArray().getValuesList());
            case BOOL_ARRAY -> List.copyOf(value.getBoolArray().getValuesList());
            case INT32_ARRAY -> value.getInt32Array().getValuesList().stream().map(v -> (double) v).toList();
            case INT64_ARRAY -> value.getInt64Array().getValuesList().stream().map(v -> (double) v).toList();
            case UINT32_ARRAY -> value.getUint32Array().getValuesList().stream()
                    .map(v -> (double) Integer.toUnsignedLong(v)).toList();
            case UINT64_ARRAY -> value.getUint64Array().getValuesList().stream().map(v -> (double) v).toList();
            case FLOAT_ARRAY -> value.getFloatArray().getValuesList().stream()
                    .map(v -> Double.parseDouble(Float.toString(v))).toList();
            case DOUBLE_ARRAY -> List.copyOf(value.getDoubleArray().getValuesList());
            case TYPEDVALUE_NOT_SET -> null;
        };
    }

    /** A plain value as the node reports it (JSON, audit, eval): whole numbers without ".0". */
    public static Object forJson(Object plain) {
        if (plain instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15) {
            return number.longValue();
        }
        return plain;
    }

    private static long whole(Signal signal, Object plain) {
        if (plain instanceof Long number) {
            return number;
        }
        if (plain instanceof Double number && number == Math.rint(number) && Math.abs(number) < 9.0e15) {
            return number.longValue();
        }
        throw mismatch(signal, plain, "a whole number");
    }

    private static IllegalArgumentException mismatch(Signal signal, Object plain, String expected) {
        return new IllegalArgumentException(signal.path() + " takes " + expected + ", not " + plain);
    }
}
