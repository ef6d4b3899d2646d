package io.vehicle.someip.serialization;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import io.vehicle.idl.someip.EnumWire;
import io.vehicle.idl.someip.FieldWire;
import io.vehicle.idl.someip.LengthField;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import io.vehicle.idl.someip.StringEncoding;
import io.vehicle.idl.someip.WireType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Random messages that fit their SOME/IP deployment, biased to the edges: each width's extremes, empty and
 * maximal arrays and strings, non-ASCII text. Seeded, so a failure names a reproducible seed.
 */
final class RandomMessages {

    private static final List<String> TEXTS = List.of("", "a", "Hi", "温度 23°C", "Fahrer: 21,5 °C", "🚗💨 vroom",
            "Ünïcödé ✓", "Ελληνικά", "\t\r\n", "x".repeat(40));
    private static final int LARGE_ARRAY = 1_000;

    private final Random random;

    RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    DynamicMessage message(Descriptor type) {
        return message(type, 0);
    }

    private DynamicMessage message(Descriptor type, int depth) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        for (FieldDescriptor field : type.getFields()) {
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null) {
                continue;
            }
            FieldWire wire = wire(field);
            if (field.isRepeated()) {
                int count = arrayCount(wire);
                for (int i = 0; i < count; i++) {
                    builder.addRepeatedField(field, value(field, wire, depth));
                }
            } else if (field.hasPresence() && field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                if (random.nextBoolean()) {
                    builder.setField(field, value(field, wire, depth)); // proto3 optional
                }
            } else {
                builder.setField(field, value(field, wire, depth));
            }
        }
        for (OneofDescriptor oneof : type.getRealOneofs()) {
            int choice = random.nextInt(oneof.getFieldCount() + 1);
            if (choice < oneof.getFieldCount()) {
                FieldDescriptor member = oneof.getField(choice);
                builder.setField(member, value(member, wire(member), depth));
            }
        }
        return builder.build();
    }

    private static FieldWire wire(FieldDescriptor field) {
        return field.getOptions().getExtension(SomeIpOptionsProto.wire);
    }

    private int arrayCount(FieldWire wire) {
        if (wire.getArrayFixedLength() > 0) {
            return wire.getArrayFixedLength();
        }
        int max = wire.getArrayMaxElements() > 0 ? Math.min(wire.getArrayMaxElements(), LARGE_ARRAY) : LARGE_ARRAY;
        // Keep the array's bytes countable by a narrow length field (elements here are at most 8 bytes).
        if (wire.getArrayLengthField() == LengthField.LENGTH_FIELD_8) {
            max = Math.min(max, 0xFF / 8);
        }
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> max;
            default -> random.nextInt(Math.min(max, 6) + 1);
        };
    }

    private Object value(FieldDescriptor field, FieldWire wire, int depth) {
        return switch (field.getJavaType()) {
            case INT -> (int) integer(field, wire);
            case LONG -> integer(field, wire);
            case FLOAT -> pick(new Float[] {0f, -0f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN,
                    Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 21.5f, random.nextFloat() * 200 - 100});
            case DOUBLE -> pick(new Double[] {0d, Double.MAX_VALUE, -Double.MIN_VALUE, Double.NaN, 48.137154,
                    random.nextGaussian() * 1e6});
            case BOOLEAN -> random.nextBoolean();
            case STRING -> text(wire);
            case BYTE_STRING -> bytes(wire);
            case ENUM -> enumValue(field.getEnumType());
            case MESSAGE -> message(field.getMessageType(), depth + 1);
        };
    }

    private <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A value within the deployed width: its minimum, maximum, zero or anything between. */
    private long integer(FieldDescriptor field, FieldWire wire) {
        boolean unsignedField = switch (field.getType()) {
            case UINT32, FIXED32, UINT64, FIXED64 -> true;
            default -> false;
        };
        boolean wide = field.getJavaType() == FieldDescriptor.JavaType.LONG;
        WireType type = wire.getType();
        if (type == WireType.WIRE_TYPE_DEFAULT) {
            type = wide ? (unsignedField ? WireType.UINT64 : WireType.SINT64) : (unsignedField ? WireType.UINT32 : WireType.SINT32);
        }
        long min;
        long max;
        switch (type) {
            case UINT8 -> { min = 0; max = 0xFF; }
            case UINT16 -> { min = 0; max = 0xFFFF; }
            case UINT32 -> { min = 0; max = 0xFFFF_FFFFL; }
            case SINT8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case SINT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case SINT32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            case UINT64 -> { return pick(new Long[] {0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong()}); }
            default -> { min = Long.MIN_VALUE; max = Long.MAX_VALUE; }
        }
        if (!wide) {
            // The protobuf field bounds the value too (e.g. int32 deployed as uint32).
            min = Math.max(min, unsignedField ? 0 : Integer.MIN_VALUE);
            max = Math.min(max, unsignedField ? 0xFFFF_FFFFL : Integer.MAX_VALUE);
        } else if (unsignedField) {
            min = Math.max(min, 0);
        }
        return switch (random.nextInt(5)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> Math.max(min, Math.min(max, 0));
            default -> min + (long) (random.nextDouble() * ((double) max - (double) min));
        };
    }

    private Object enumValue(EnumDescriptor type) {
        EnumWire wire = type.getOptions().getExtension(SomeIpOptionsProto.enumWire);
        if (!wire.getClosed() && random.nextInt(4) == 0) {
            // feat_req_someip_799: undefined values of an open enum travel too.
            return type.findValueByNumberCreatingIfUnknown(200 + random.nextInt(50));
        }
        List<EnumValueDescriptor> values = type.getValues();
        return values.get(random.nextInt(values.size()));
    }

    /** Text that fits the string's fixed or maximum length, sometimes filling it exactly. */
    private String text(FieldWire wire) {
        boolean utf16 = wire.getEncoding() == StringEncoding.UTF16BE || wire.getEncoding() == StringEncoding.UTF16LE;
        int overhead = utf16 ? 4 : 4; // BOM + terminator: 3 + 1 or 2 + 2
        int limit;
        if (wire.getFixedLength() > 0) {
            limit = wire.getFixedLength();
        } else if (wire.getMaxLength() > 0) {
            limit = wire.getMaxLength();
        } else if (wire.getLengthField() == LengthField.LENGTH_FIELD_8) {
            limit = 0xFF;
        } else {
            limit = 4096;
        }
        int budget = limit - overhead;
        String text = random.nextInt(8) == 0 ? "é".repeat(budget) : TEXTS.get(random.nextInt(TEXTS.size()));
        while (encodedLength(text, utf16) > budget) {
            text = text.substring(0, text.offsetByCodePoints(0, text.codePointCount(0, text.length()) - 1));
        }
        return text;
    }

    private static int encodedLength(String text, boolean utf16) {
        return utf16 ? 2 * text.length() : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private ByteString bytes(FieldWire wire) {
        int length = wire.getFixedLength() > 0 ? wire.getFixedLength()
                : random.nextInt(Math.min(wire.getMaxLength() > 0 ? wire.getMaxLength() : 64, 64) + 1);
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }
}
