package io.vehicle.someip.serialization;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import io.vehicle.idl.someip.EnumWire;
import io.vehicle.idl.someip.FieldWire;
import io.vehicle.idl.someip.LengthField;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import io.vehicle.idl.someip.TypeField;
import io.vehicle.idl.someip.UnionWire;
import io.vehicle.idl.someip.WireType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a message Descriptor and its SOME/IP options (vehicle/someip/v1/someip_options.proto) into a
 * {@link StructPlan}, once per type. Defaults where a field has no option are those documented in
 * someip_options.proto (FieldWire). A deployment that cannot be serialized (e.g. uint8 on a string) is a
 * programming error and fails with IllegalArgumentException on first use of the type.
 */
final class StructPlanCompiler {

    private final SerializationLimits limits;
    private final Map<Descriptor, StructPlan> plans = new ConcurrentHashMap<>();

    StructPlanCompiler(SerializationLimits limits) {
        this.limits = limits;
    }

    StructPlan planFor(Descriptor type) {
        StructPlan plan = plans.get(type);
        if (plan != null) {
            return plan;
        }
        synchronized (this) {
            // Plans of one call are published together, complete, so no reader sees a half-built one.
            Map<Descriptor, StructPlan> building = new HashMap<>();
            plan = compile(type, building);
            plans.putAll(building);
            return plan;
        }
    }

    private StructPlan compile(Descriptor type, Map<Descriptor, StructPlan> building) {
        StructPlan plan = plans.get(type);
        if (plan == null) {
            plan = building.get(type);
        }
        if (plan != null) {
            return plan; // done, or being built further up this stack (a recursive type)
        }
        plan = new StructPlan(type);
        building.put(type, plan);
        List<MemberCodec> members = new ArrayList<>();
        Set<OneofDescriptor> unions = new HashSet<>();
        for (FieldDescriptor field : type.getFields()) {
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof == null) {
                members.add(member(field, building));
            } else if (unions.add(oneof)) {
                members.add(union(oneof, building)); // at the position of its first member
            }
        }
        plan.setMembers(members);
        return plan;
    }

    private MemberCodec member(FieldDescriptor field, Map<Descriptor, StructPlan> building) {
        String path = field.getFullName();
        FieldWire wire = field.getOptions().getExtension(SomeIpOptionsProto.wire);
        ElementCodec element = element(field, wire, building);
        if (field.isRepeated()) {
            int fixedCount = wire.getArrayFixedLength();
            LengthPrefix prefix = fixedCount > 0 ? null : lengthPrefix(wire.getArrayLengthField(), 4, path);
            if (fixedCount == 0 && prefix == null) {
                throw new IllegalArgumentException(path + ": an array without length field needs array_fixed_length (feat_req_someip_621)");
            }
            int max = wire.getArrayMaxElements() > 0 ? wire.getArrayMaxElements() : limits.maxArrayElements();
            return new ArrayMember(field, element, prefix, fixedCount, max, path);
        }
        if (field.getContainingOneof() != null) {
            // proto3 `optional`: an optional element, i.e. an array of 0..1 (feat_req_someip_252).
            LengthPrefix prefix = lengthPrefix(wire.getArrayLengthField(), 4, path);
            if (prefix == null) {
                throw new IllegalArgumentException(path + ": an optional element needs an array length field");
            }
            return new ArrayMember(field, element, prefix, 0, 1, path);
        }
        return new FieldMember(field, element);
    }

    private MemberCodec union(OneofDescriptor oneof, Map<Descriptor, StructPlan> building) {
        String path = oneof.getFullName();
        UnionWire wire = oneof.getOptions().getExtension(SomeIpOptionsProto.union);
        List<ElementCodec> codecs = new ArrayList<>();
        for (FieldDescriptor field : oneof.getFields()) {
            codecs.add(element(field, field.getOptions().getExtension(SomeIpOptionsProto.wire), building));
        }
        return new UnionMember(oneof, codecs, lengthPrefix(wire.getLengthField(), 4, path),
                typeFieldBytes(wire.getTypeField()), wire.getPadTo(), path);
    }

    private ElementCodec element(FieldDescriptor field, FieldWire wire, Map<Descriptor, StructPlan> building) {
        String path = field.getFullName();
        WireType type = wire.getType();
        switch (field.getJavaType()) {
            case INT, LONG: {
                boolean unsigned = switch (field.getType()) {
                    case UINT32, FIXED32, UINT64, FIXED64 -> true;
                    default -> false;
                };
                boolean wide = field.getJavaType() == FieldDescriptor.JavaType.LONG;
                IntegerCodec.JavaForm form = wide
                        ? (unsigned ? IntegerCodec.JavaForm.UINT64 : IntegerCodec.JavaForm.INT64)
                        : (unsigned ? IntegerCodec.JavaForm.UINT32 : IntegerCodec.JavaForm.INT32);
                if (type == WireType.WIRE_TYPE_DEFAULT) {
                    type = wide ? (unsigned ? WireType.UINT64 : WireType.SINT64) : (unsigned ? WireType.UINT32 : WireType.SINT32);
                }
                return new IntegerCodec(integerSize(type, path), isSigned(type), form, path);
            }
            case FLOAT:
                requireType(type, WireType.FLOAT32, path);
                return new FloatCodec(false, path);
            case DOUBLE:
                requireType(type, WireType.FLOAT64, path);
                return new FloatCodec(true, path);
            case BOOLEAN:
                if (type != WireType.UINT8) {
                    requireType(type, WireType.BOOLEAN, path);
                }
                return new BooleanCodec(path);
            case STRING: {
                LengthPrefix prefix = wire.getFixedLength() > 0 ? null : lengthPrefix(wire.getLengthField(), 4, path);
                if (prefix == null && wire.getFixedLength() == 0) {
                    throw new IllegalArgumentException(path + ": a string without length field needs fixed_length");
                }
                return new StringCodec(encoding(wire), prefix, wire.getFixedLength(), wire.getMaxLength(), path);
            }
            case BYTE_STRING: {
                LengthPrefix prefix = wire.getFixedLength() > 0 ? null : lengthPrefix(wire.getLengthField(), 4, path);
                if (prefix == null && wire.getFixedLength() == 0) {
                    throw new IllegalArgumentException(path + ": bytes without length field need fixed_length");
                }
                return new BytesCodec(prefix, wire.getFixedLength(), wire.getMaxLength(), path);
            }
            case ENUM: {
                EnumWire enumWire = field.getEnumType().getOptions().getExtension(SomeIpOptionsProto.enumWire);
                WireType width = type != WireType.WIRE_TYPE_DEFAULT ? type
                        : enumWire.getType() != WireType.WIRE_TYPE_DEFAULT ? enumWire.getType() : WireType.UINT8;
                if (width != WireType.UINT8 && width != WireType.UINT16 && width != WireType.UINT32) {
                    throw new IllegalArgumentException(path + ": an enumeration is uint8, uint16 or uint32 (feat_req_someip_651), not " + width);
                }
                return new EnumCodec(field.getEnumType(), integerSize(width, path), enumWire.getClosed(), path);
            }
            case MESSAGE:
                return new StructCodec(field, compile(field.getMessageType(), building),
                        lengthPrefix(wire.getLengthField(), 0, path), limits, path);
            default:
                throw new IllegalArgumentException(path + ": unsupported type " + field.getJavaType());
        }
    }

    private static void requireType(WireType type, WireType expected, String path) {
        if (type != WireType.WIRE_TYPE_DEFAULT && type != expected) {
            throw new IllegalArgumentException(path + ": deployed as " + type + ", the field needs " + expected);
        }
    }

    private static int integerSize(WireType type, String path) {
        return switch (type) {
            case UINT8, SINT8 -> 1;
            case UINT16, SINT16 -> 2;
            case UINT32, SINT32 -> 4;
            case UINT64, SINT64 -> 8;
            default -> throw new IllegalArgumentException(path + ": " + type + " is not an integer width");
        };
    }

    private static boolean isSigned(WireType type) {
        return type == WireType.SINT8 || type == WireType.SINT16 || type == WireType.SINT32 || type == WireType.SINT64;
    }

    private static StringCodec.Encoding encoding(FieldWire wire) {
        return switch (wire.getEncoding()) {
            case UTF16BE -> StringCodec.Encoding.UTF_16BE;
            case UTF16LE -> StringCodec.Encoding.UTF_16LE;
            default -> StringCodec.Encoding.UTF_8;
        };
    }

    /** A length field of the deployed width; {@code defaultBytes} 0 means none by default. */
    private static LengthPrefix lengthPrefix(LengthField field, int defaultBytes, String path) {
        int bytes = switch (field) {
            case LENGTH_FIELD_NONE -> 0;
            case LENGTH_FIELD_8 -> 1;
            case LENGTH_FIELD_16 -> 2;
            case LENGTH_FIELD_32 -> 4;
            default -> defaultBytes;
        };
        return bytes == 0 ? null : new LengthPrefix(bytes, path);
    }

    private static int typeFieldBytes(TypeField field) {
        return switch (field) {
            case TYPE_FIELD_8 -> 1;
            case TYPE_FIELD_16 -> 2;
            default -> 4;
        };
    }
}
