package io.vehicle.api.typed;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.vehicle.idl.signal.Access;
import io.vehicle.idl.signal.SignalMetadata;
import io.vehicle.idl.signal.SignalOptionsProto;
import io.vehicle.someip.sdk.signal.SignalCheck;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.sdk.signal.SignalViolation;
import java.util.List;

/**
 * What an ECU does with a setter's value, read from the signal metadata of the IDL
 * ({@code (vehicle.signal.v1.signal)} options): numbers are clamped to their range, read-only
 * signals keep the ECU's own value, and {@link #outOfRange} names the signals a strict ECU refuses
 * (through the SDK's {@link SignalCheck}).
 */
final class SignalLimits {

    private static final SignalRegistry REGISTRY = SignalRegistry.catalog();

    private SignalLimits() {
    }

    /** {@code requested} with every ranged number clamped into its range, recursively. */
    @SuppressWarnings("unchecked")
    static <T extends Message> T clamp(T requested) {
        Message.Builder builder = requested.toBuilder();
        for (FieldDescriptor field : requested.getDescriptorForType().getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                    && requested.hasField(field)) {
                builder.setField(field, clamp((Message) requested.getField(field)));
                continue;
            }
            SignalMetadata signal = signal(field);
            if (signal == null || !signal.hasRange()) {
                continue;
            }
            if (field.isRepeated()) {
                for (int i = 0; i < requested.getRepeatedFieldCount(field); i++) {
                    builder.setRepeatedField(field, i, clampNumber(field, signal, requested.getRepeatedField(field, i)));
                }
            } else {
                builder.setField(field, clampNumber(field, signal, requested.getField(field)));
            }
        }
        return (T) builder.build();
    }

    /** {@code requested} with every read-only signal taken from {@code current}: consumers cannot write them. */
    @SuppressWarnings("unchecked")
    static <T extends Message> T keepReadOnly(T current, T requested) {
        Message.Builder builder = requested.toBuilder();
        for (FieldDescriptor field : requested.getDescriptorForType().getFields()) {
            SignalMetadata signal = signal(field);
            if (signal != null && signal.getAccess() == Access.READ_ONLY) {
                builder.setField(field, current.getField(field));
            }
        }
        return (T) builder.build();
    }

    /** The signals whose value in {@code requested} the IDL does not allow (range, allowed values). */
    static List<String> outOfRange(Message requested) {
        return SignalCheck.message(REGISTRY, requested).stream().map(SignalViolation::toString).toList();
    }

    private static SignalMetadata signal(FieldDescriptor field) {
        return field.getOptions().hasExtension(SignalOptionsProto.signal)
                ? field.getOptions().getExtension(SignalOptionsProto.signal) : null;
    }

    private static Object clampNumber(FieldDescriptor field, SignalMetadata signal, Object value) {
        double min = signal.getRange().getMin();
        double max = signal.getRange().getMax();
        double v = Math.max(min, Math.min(max, ((Number) value).doubleValue()));
        return switch (field.getJavaType()) {
            case INT -> (int) v;
            case LONG -> (long) v;
            case FLOAT -> (float) v;
            case DOUBLE -> v;
            default -> value;
        };
    }
}
