package io.vehicle.someip.sdk.signal;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a signal out of the message that carries it and writes one into a copy of that message,
 * for generated messages and DynamicMessage alike. Values are plain Java: Boolean, Long for every
 * integer type (unsigned 32-bit values as their unsigned value), Double for float and double,
 * String for strings and enums (short value names), a List of those for arrays. Writes expect a
 * value that {@link SignalCheck} accepted.
 */
public final class SignalCodec {

    private SignalCodec() {
    }

    /** The signal's value inside {@code root} (a message of the signal's root type). */
    public static Object read(SignalDefinition signal, Message root) {
        Message message = root;
        List<FieldDescriptor> location = signal.location();
        for (int i = 0; i < location.size() - 1; i++) {
            message = (Message) message.getField(location.get(i));
        }
        FieldDescriptor leaf = signal.leaf();
        Object raw = message.getField(leaf);
        if (leaf.isRepeated()) {
            List<Object> values = new ArrayList<>();
            for (Object element : (List<?>) raw) {
                values.add(fromProto(signal.type(), element));
            }
            return List.copyOf(values);
        }
        return fromProto(signal.type(), raw);
    }

    /** A copy of {@code root} with the signal set to {@code value}; the other members keep their values. */
    public static <T extends Message> T write(SignalDefinition signal, T root, Object value) {
        @SuppressWarnings("unchecked")
        T written = (T) writeAt(signal, root, 0, value);
        return written;
    }

    private static Message writeAt(SignalDefinition signal, Message message, int depth, Object value) {
        FieldDescriptor member = signal.location().get(depth);
        if (depth == signal.location().size() - 1) {
            Message.Builder builder = message.toBuilder();
            if (member.isRepeated()) {
                builder.clearField(member);
                for (Object element : (List<?>) value) {
                    builder.addRepeatedField(member, toProto(signal.type(), member, element));
                }
            } else {
                builder.setField(member, toProto(signal.type(), member, value));
            }
            return builder.build();
        }
        Message inner = writeAt(signal, (Message) message.getField(member), depth + 1, value);
        return message.toBuilder().setField(member, inner).build();
    }

    private static Object fromProto(SignalType type, Object raw) {
        return switch (type) {
            case BOOLEAN, STRING -> raw;
            case INT32, INT64 -> ((Number) raw).longValue();
            case UINT32 -> Integer.toUnsignedLong((Integer) raw);
            case UINT64 -> (Long) raw;
            case FLOAT, DOUBLE -> ((Number) raw).doubleValue();
            case ENUM -> EnumNames.shortName((EnumValueDescriptor) raw);
        };
    }

    private static Object toProto(SignalType type, FieldDescriptor member, Object value) {
        return switch (type) {
            case BOOLEAN -> (Boolean) value;
            case STRING -> (String) value;
            case INT32, UINT32 -> (int) ((Number) value).longValue();
            case INT64, UINT64 -> ((Number) value).longValue();
            case FLOAT -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case ENUM -> {
                EnumValueDescriptor enumValue = EnumNames.value(member.getEnumType(), (String) value);
                if (enumValue == null) {
                    throw new IllegalArgumentException(member.getFullName() + " has no value " + value);
                }
                yield enumValue;
            }
        };
    }
}
