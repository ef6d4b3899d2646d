package io.vehicle.simulator.control;

import io.vehicle.idl.kuksa.val.v2.BoolArray;
import io.vehicle.idl.kuksa.val.v2.DoubleArray;
import io.vehicle.idl.kuksa.val.v2.FloatArray;
import io.vehicle.idl.kuksa.val.v2.Int32Array;
import io.vehicle.idl.kuksa.val.v2.Int64Array;
import io.vehicle.idl.kuksa.val.v2.StringArray;
import io.vehicle.idl.kuksa.val.v2.Uint32Array;
import io.vehicle.idl.kuksa.val.v2.Uint64Array;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import java.util.List;

/** Plant values to and from {@code kuksa.val.v2.Value}, typed by the signal's catalog type. */
final class KuksaValues {

    private KuksaValues() {
    }

    static Value of(SignalDefinition signal, Object value) {
        Value.Builder v = Value.newBuilder();
        if (value instanceof List<?> list) {
            switch (signal.type()) {
                case BOOLEAN -> v.setBoolArray(BoolArray.newBuilder().addAllValues(list.stream().map(e -> (Boolean) e).toList()));
                case STRING, ENUM -> v.setStringArray(StringArray.newBuilder().addAllValues(list.stream().map(String::valueOf).toList()));
                case INT32 -> v.setInt32Array(Int32Array.newBuilder().addAllValues(list.stream().map(e -> ((Number) e).intValue()).toList()));
                case INT64 -> v.setInt64Array(Int64Array.newBuilder().addAllValues(list.stream().map(e -> ((Number) e).longValue()).toList()));
                case UINT32 -> v.setUint32Array(Uint32Array.newBuilder().addAllValues(list.stream().map(e -> ((Number) e).intValue()).toList()));
                case UINT64 -> v.setUint64Array(Uint64Array.newBuilder().addAllValues(list.stream().map(e -> ((Number) e).longValue()).toList()));
                case FLOAT -> v.setFloatArray(FloatArray.newBuilder().addAllValues(list.stream().map(e -> ((Number) e).floatValue()).toList()));
                case DOUBLE -> v.setDoubleArray(DoubleArray.newBuilder().addAllValues(list.stream().map(e -> ((Number) e).doubleValue()).toList()));
            }
            return v.build();
        }
        return switch (signal.type()) {
            case BOOLEAN -> v.setBool((Boolean) value).build();
            case STRING, ENUM -> v.setString(String.valueOf(value)).build();
            case INT32 -> v.setInt32(((Number) value).intValue()).build();
            case INT64 -> v.setInt64(((Number) value).longValue()).build();
            case UINT32 -> v.setUint32(((Number) value).intValue()).build();
            case UINT64 -> v.setUint64(((Number) value).longValue()).build();
            case FLOAT -> v.setFloat(((Number) value).floatValue()).build();
            case DOUBLE -> v.setDouble(((Number) value).doubleValue()).build();
        };
    }

    /** The Java value a {@code Value} holds (checked against the signal later); null when it holds none. */
    static Object javaValue(Value value) {
        return switch (value.getTypedValueCase()) {
            case STRING -> value.getString();
            case BOOL -> value.getBool();
            case INT32 -> (long) value.getInt32();
            case INT64 -> value.getInt64();
            case UINT32 -> Integer.toUnsignedLong(value.getUint32());
            case UINT64 -> value.getUint64();
            case FLOAT -> (double) value.getFloat();
            case DOUBLE -> value.getDouble();
            case STRING_ARRAY -> List.copyOf(value.getStringArray().getValuesList());
            case BOOL_ARRAY -> List.copyOf(value.getBoolArray().getValuesList());
            case INT32_ARRAY -> value.getInt32Array().getValuesList().stream().map(Integer::longValue).toList();
            case INT64_ARRAY -> List.copyOf(value.getInt64Array().getValuesList());
            case UINT32_ARRAY -> value.getUint32Array().getValuesList().stream().map(Integer::toUnsignedLong).toList();
            case UINT64_ARRAY -> List.copyOf(value.getUint64Array().getValuesList());
            case FLOAT_ARRAY -> value.getFloatArray().getValuesList().stream().map(Float::doubleValue).toList();
            case DOUBLE_ARRAY -> List.copyOf(value.getDoubleArray().getValuesList());
            case TYPEDVALUE_NOT_SET -> null;
        };
    }
}
