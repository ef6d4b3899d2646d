package io.vehicle.bridge.values;

import io.vehicle.idl.kuksa.val.v2.BoolArray;
import io.vehicle.idl.kuksa.val.v2.DataType;
import io.vehicle.idl.kuksa.val.v2.DoubleArray;
import io.vehicle.idl.kuksa.val.v2.FloatArray;
import io.vehicle.idl.kuksa.val.v2.Int32Array;
import io.vehicle.idl.kuksa.val.v2.Int64Array;
import io.vehicle.idl.kuksa.val.v2.StringArray;
import io.vehicle.idl.kuksa.val.v2.Uint32Array;
import io.vehicle.idl.kuksa.val.v2.Uint64Array;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vehicle.idl.someip.FieldWire;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import io.vehicle.idl.someip.WireType;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalType;
import java.util.ArrayList;
import java.util.List;

/**
 * Signal values between the SDK's plain Java form (Boolean, Long, Double, String, List) and
 * kuksa.val.v2.Value, and each signal's VSS data type as KUKSA names it.
 *
 * <p>Reading from a client is deliberately loose: any numeric case becomes a number and the IDL check
 * that follows ({@code SignalCheck}) decides whether it fits the signal, so a client gets one kind of
 * message ("expects a whole number, not 22.5") whatever field of the oneof it used.
 */
public final class KuksaValues {

    private KuksaValues() {
    }

    /** The value a client sent, as plain Java; null when the oneof is empty. */
    public static Object fromClient(Value value) {
        return switch (value.getTypedValueCase()) {
            case STRING -> value.getString();
            case BOOL -> value.getBool();
            case INT32 -> (long) value.getInt32();
            case INT64 -> value.getInt64();
            case UINT32 -> Integer.toUnsignedLong(value.getUint32());
            case UINT64 -> value.getUint64();
            // Through its decimal form, so 22.1f stays 22.1 rather than 22.100000381469727.
            case FLOAT -> Double.parseDouble(Float.toString(value.getFloat()));
            case DOUBLE -> value.getDouble();
            case STRING_ARRAY -> List.copyOf(value.getStringArray().getValuesList());
            case BOOL_ARRAY -> List.copyOf(value.getBoolArray().getValuesList());
            case INT32_ARRAY -> value.getInt32Array().getValuesList().stream().map(v -> (Object) (long) v).toList();
            case INT64_ARRAY -> List.copyOf(value.getInt64Array().getValuesList());
            case UINT32_ARRAY -> value.getUint32Array().getValuesList().stream()
                    .map(v -> (Object) Integer.toUnsignedLong(v)).toList();
            case UINT64_ARRAY -> List.copyOf(value.getUint64Array().getValuesList());
            case FLOAT_ARRAY -> value.getFloatArray().getValuesList().stream()
                    .map(v -> (Object) Double.parseDouble(Float.toString(v))).toList();
            case DOUBLE_ARRAY -> List.copyOf(value.getDoubleArray().getValuesList());
            case TYPEDVALUE_NOT_SET -> null;
        };
    }

    /** A plain value of {@code signal} (as the SDK reads it) as the Value case of the signal's type. */
    public static Value toValue(SignalDefinition signal, Object plain) {
        Value.Builder value = Value.newBuilder();
        if (signal.array()) {
            List<?> list = (List<?>) plain;
            switch (signal.type()) {
                case BOOLEAN -> value.setBoolArray(BoolArray.newBuilder().addAllValues(cast(list, Boolean.class)));
                case STRING, ENUM -> value.setStringArray(StringArray.newBuilder().addAllValues(cast(list, String.class)));
                case INT32 -> value.setInt32Array(Int32Array.newBuilder()
                        .addAllValues(list.stream().map(v -> (int) ((Number) v).longValue()).toList()));
                case INT64 -> value.setInt64Array(Int64Array.newBuilder()
                        .addAllValues(list.stream().map(v -> ((Number) v).longValue()).toList()));
                case UINT32 -> value.setUint32Array(Uint32Array.newBuilder()
                        .addAllValues(list.stream().map(v -> (int) ((Number) v).longValue()).toList()));
                case UINT64 -> value.setUint64Array(Uint64Array.newBuilder()
                        .addAllValues(list.stream().map(v -> ((Number) v).longValue()).toList()));
                case FLOAT -> value.setFloatArray(FloatArray.newBuilder()
                        .addAllValues(list.stream().map(v -> ((Number) v).floatValue()).toList()));
                case DOUBLE -> value.setDoubleArray(DoubleArray.newBuilder()
                        .addAllValues(list.stream().map(v -> ((Number) v).doubleValue()).toList()));
            }
            return value.build();
        }
        switch (signal.type()) {
            case BOOLEAN -> value.setBool((Boolean) plain);
            case STRING, ENUM -> value.setString((String) plain);
            case INT32 -> value.setInt32((int) ((Number) plain).longValue());
            case INT64 -> value.setInt64(((Number) plain).longValue());
            case UINT32 -> value.setUint32((int) ((Number) plain).longValue());
            case UINT64 -> value.setUint64(((Number) plain).longValue());
            case FLOAT -> value.setFloat(((Number) plain).floatValue());
            case DOUBLE -> value.setDouble(((Number) plain).doubleValue());
        }
        return value.build();
    }

    /**
     * A client's value as it was read by {@link #fromClient} (whatever signal it was meant for), to echo it
     * back: whole numbers as int64, other numbers as double.
     */
    public static Value echo(Object plain) {
        Value.Builder value = Value.newBuilder();
        if (plain instanceof Boolean b) {
            value.setBool(b);
        } else if (plain instanceof String text) {
            value.setString(text);
        } else if (plain instanceof Long l) {
            value.setInt64(l);
        } else if (plain instanceof Number n) {
            value.setDouble(n.doubleValue());
        } else if (plain instanceof List<?> list) {
            if (list.stream().allMatch(e -> e instanceof Boolean)) {
                value.setBoolArray(BoolArray.newBuilder().addAllValues(cast(list, Boolean.class)));
            } else if (list.stream().allMatch(e -> e instanceof Long)) {
                value.setInt64Array(Int64Array.newBuilder().addAllValues(cast(list, Long.class)));
            } else if (list.stream().allMatch(e -> e instanceof Number)) {
                value.setDoubleArray(DoubleArray.newBuilder()
                        .addAllValues(list.stream().map(e -> ((Number) e).doubleValue()).toList()));
            } else {
                value.setStringArray(StringArray.newBuilder()
                        .addAllValues(list.stream().map(String::valueOf).toList()));
            }
        }
        return value.build();
    }

    /** A number from the catalog (min, max) as the Value case of the signal's type. */
    public static Value limit(SignalDefinition signal, double bound) {
        return switch (signal.type()) {
            case INT32 -> Value.newBuilder().setInt32((int) bound).build();
            case INT64 -> Value.newBuilder().setInt64((long) bound).build();
            case UINT32 -> Value.newBuilder().setUint32((int) (long) bound).build();
            case UINT64 -> Value.newBuilder().setUint64((long) bound).build();
            case FLOAT -> Value.newBuilder().setFloat((float) bound).build();
            default -> Value.newBuilder().setDouble(bound).build();
        };
    }

    /**
     * The VSS data type: the SOME/IP wire width narrows a protobuf uint32 to UINT8 or UINT16 (and int32
     * to INT8 or INT16), as VSS would declare it; enumerations are strings.
     */
    public static DataType dataType(SignalDefinition signal) {
        FieldWire wire = signal.leaf().getOptions().getExtension(SomeIpOptionsProto.wire);
        DataType scalar = switch (signal.type()) {
            case BOOLEAN -> DataType.DATA_TYPE_BOOLEAN;
            case STRING, ENUM -> DataType.DATA_TYPE_STRING;
            case INT32 -> wire.getType() == WireType.SINT8 ? DataType.DATA_TYPE_INT8
                    : wire.getType() == WireType.SINT16 ? DataType.DATA_TYPE_INT16 : DataType.DATA_TYPE_INT32;
            case INT64 -> DataType.DATA_TYPE_INT64;
            case UINT32 -> wire.getType() == WireType.UINT8 ? DataType.DATA_TYPE_UINT8
                    : wire.getType() == WireType.UINT16 ? DataType.DATA_TYPE_UINT16 : DataType.DATA_TYPE_UINT32;
            case UINT64 -> DataType.DATA_TYPE_UINT64;
            case FLOAT -> DataType.DATA_TYPE_FLOAT;
            case DOUBLE -> DataType.DATA_TYPE_DOUBLE;
        };
        if (!signal.array()) {
            return scalar;
        }
        return switch (scalar) {
            case DATA_TYPE_BOOLEAN -> DataType.DATA_TYPE_BOOLEAN_ARRAY;
            case DATA_TYPE_STRING -> DataType.DATA_TYPE_STRING_ARRAY;
            case DATA_TYPE_INT8 -> DataType.DATA_TYPE_INT8_ARRAY;
            case DATA_TYPE_INT16 -> DataType.DATA_TYPE_INT16_ARRAY;
            case DATA_TYPE_INT32 -> DataType.DATA_TYPE_INT32_ARRAY;
            case DATA_TYPE_INT64 -> DataType.DATA_TYPE_INT64_ARRAY;
            case DATA_TYPE_UINT8 -> DataType.DATA_TYPE_UINT8_ARRAY;
            case DATA_TYPE_UINT16 -> DataType.DATA_TYPE_UINT16_ARRAY;
            case DATA_TYPE_UINT32 -> DataType.DATA_TYPE_UINT32_ARRAY;
            case DATA_TYPE_UINT64 -> DataType.DATA_TYPE_UINT64_ARRAY;
            case DATA_TYPE_FLOAT -> DataType.DATA_TYPE_FLOAT_ARRAY;
            default -> DataType.DATA_TYPE_DOUBLE_ARRAY;
        };
    }

    /**
     * Whether an ECU's value is the requested one: floats compared at float precision (what the ECU
     * stores), other numbers by value, the rest by equality; lists element by element.
     */
    public static boolean same(SignalDefinition signal, Object requested, Object reported) {
        if (requested == null || reported == null) {
            return false;
        }
        if (requested instanceof List<?> wanted && reported instanceof List<?> got) {
            if (wanted.size() != got.size()) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!sameElement(signal.type(), wanted.get(i), got.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return sameElement(signal.type(), requested, reported);
    }

    private static boolean sameElement(SignalType type, Object requested, Object reported) {
        if (requested instanceof Number a && reported instanceof Number b) {
            return switch (type) {
                case FLOAT -> Float.compare(a.floatValue(), b.floatValue()) == 0;
                case DOUBLE -> Double.compare(a.doubleValue(), b.doubleValue()) == 0;
                default -> a.doubleValue() == b.doubleValue() && a.longValue() == b.longValue();
            };
        }
        return requested.equals(reported);
    }

    /** A plain value as people read it: 22.5, true, "UP", [255, 0, 0]. */
    public static String describe(Object plain) {
        if (plain instanceof String text) {
            return text;
        }
        if (plain instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(plain);
    }

    private static <T> List<T> cast(List<?> list, Class<T> type) {
        List<T> out = new ArrayList<>(list.size());
        list.forEach(v -> out.add(type.cast(v)));
        return out;
    }
}
