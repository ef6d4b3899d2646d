package io.vehicle.launcher.signals;

import io.vehicle.idl.kuksa.val.v2.Value;

/** A signal value as the terminal clients print it: "23.5", "22" (not "22.0"), "true", "FM", "-" when empty. */
public final class ValueText {

    private ValueText() {
    }

    public static String of(Value value) {
        return switch (value.getTypedValueCase()) {
            case STRING -> value.getString();
            case BOOL -> Boolean.toString(value.getBool());
            case INT32 -> Integer.toString(value.getInt32());
            case INT64 -> Long.toString(value.getInt64());
            case UINT32 -> Integer.toUnsignedString(value.getUint32());
            case UINT64 -> Long.toUnsignedString(value.getUint64());
            case FLOAT -> Float.toString(value.getFloat()).replaceAll("\\.0$", "");
            case DOUBLE -> Double.toString(value.getDouble()).replaceAll("\\.0$", "");
            case TYPEDVALUE_NOT_SET -> "-";
            default -> value.toString().replace('\n', ' ').strip();
        };
    }
}
