package io.vehicle.someip.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Descriptors.Descriptor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.infotainment.v1.Playlist;
import io.vehicle.idl.seats.v1.SeatMemoryPresets;
import io.vehicle.someip.serialization.shapes.Arrays;
import io.vehicle.someip.serialization.shapes.Bounded;
import io.vehicle.someip.serialization.shapes.ClosedEnumHolder;
import io.vehicle.someip.serialization.shapes.MapExample;
import io.vehicle.someip.serialization.shapes.NarrowField;
import io.vehicle.someip.serialization.shapes.Nothings;
import io.vehicle.someip.serialization.shapes.Recursive;
import io.vehicle.someip.serialization.shapes.Strings;
import io.vehicle.someip.serialization.shapes.UnionExample;
import io.vehicle.someip.serialization.shapes.UnionWithoutLength;
import io.vehicle.someip.wire.ReturnCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per class of bad input: each must end in a SerializationException with its own reason. */
class SerializationMalformedPayloadTest {

    private static final SomeIpSerializer SERIALIZER = new SomeIpSerializer();

    /** Decodes hex as {@code type}, expecting failure; checks the buffer is untouched and releasable. */
    private static SerializationException rejects(SomeIpSerializer serializer, Descriptor type, String hex) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer().writeBytes(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
        try {
            SerializationException e = catchThrowableOfType(SerializationException.class, () -> serializer.deserialize(in, type));
            assertThat(e).as("%s must be rejected", hex).isNotNull();
            assertThat(e.error().malformedInput()).isTrue();
            assertThat(e.returnCode()).isEqualTo(ReturnCode.E_MALFORMED_MESSAGE);
            assertThat(in.readerIndex()).as("reader index restored").isZero();
            assertThat(in.refCnt()).isEqualTo(1);
            return e;
        } finally {
            assertThat(in.release()).isTrue();
        }
    }

    private static SerializationException rejects(Descriptor type, String hex) {
        return rejects(SERIALIZER, type, hex);
    }

    @Test
    @DisplayName("payload shorter than its fixed members: TRUNCATED with the field path")
    void truncated() {
        // setpoints (length 16, 16 bytes) present, fan speeds missing.
        SerializationException e = rejects(ClimateSettings.getDescriptor(),
                "0010 41B00000 41B80000 41A00000 41A00000");
        assertThat(e.error()).isEqualTo(SerializationError.TRUNCATED);
        assertThat(e.fieldPath()).isEqualTo("vehicle.hvac.v1.ClimateSettings.row1_driver_fan_speed");
        assertThat(e.getMessage()).contains("row1_driver_fan_speed").contains("needs 1 bytes, 0 left");
        assertThat(rejects(ClimateSettings.getDescriptor(), "").error()).isEqualTo(SerializationError.TRUNCATED);
        assertThat(rejects(ClimateSettings.getDescriptor(), "00").error()).isEqualTo(SerializationError.TRUNCATED);
    }

    @Test
    @DisplayName("feat_req_someip_254, _601: length fields past the end of the payload: LENGTH_BEYOND_END")
    void lengthPastEnd() {
        assertThat(rejects(ClimateSettings.getDescriptor(), "0011 41B00000 41B80000 41A00000 41A00000").error())
                .isEqualTo(SerializationError.LENGTH_BEYOND_END); // struct length 17, 16 bytes left
        assertThat(rejects(MapExample.getDescriptor(), "FFFFFFFF 0001 0002").error())
                .isEqualTo(SerializationError.LENGTH_BEYOND_END); // array claims 4 GiB: nothing is allocated
        assertThat(rejects(Strings.getDescriptor(), "64 EFBBBF 4869 00").error())
                .isEqualTo(SerializationError.LENGTH_BEYOND_END);
        assertThat(rejects(UnionExample.getDescriptor(), "00000010 00000001 12000000").error())
                .isEqualTo(SerializationError.LENGTH_BEYOND_END);
    }

    @Test
    @DisplayName("a member running past its struct's length is TRUNCATED inside the struct (feat_req_someip_601)")
    void structLengthTooShort() {
        SerializationException e = rejects(ClimateSettings.getDescriptor(),
                "0004 41B00000 41B80000 41A00000 41A00000 32 28 03 01 00 00 01 01");
        assertThat(e.error()).isEqualTo(SerializationError.TRUNCATED);
        assertThat(e.fieldPath()).isEqualTo("vehicle.hvac.v1.ZoneSetpoints.row1_passenger");
    }

    @Test
    @DisplayName("feat_req_someip_662, _666: string without the deployed BOM: BAD_BOM")
    void badBom() {
        // UTF-8 field carrying a UTF-16BE BOM.
        SerializationException e = rejects(Strings.getDescriptor(), "05 FEFF 4869 00");
        assertThat(e.error()).isEqualTo(SerializationError.BAD_BOM);
        assertThat(e.fieldPath()).isEqualTo("vehicle.someip.testing.v1.Strings.utf8");
        assertThat(e.getMessage()).contains("efbbbf");
        assertThat(rejects(Strings.getDescriptor(), "02 EFBB").error()).isEqualTo(SerializationError.BAD_BOM);
        assertThat(rejects(Strings.getDescriptor(), "00").error()).isEqualTo(SerializationError.BAD_BOM);
    }

    @Test
    @DisplayName("feat_req_someip_234: bytes that are not UTF-8 / UTF-16: INVALID_STRING")
    void invalidText() {
        assertThat(rejects(Strings.getDescriptor(), "06 EFBBBF C328 00").error())
                .isEqualTo(SerializationError.INVALID_STRING); // C3 28: broken two-byte sequence
        assertThat(rejects(Strings.getDescriptor(), "07 EFBBBF EDA080 00").error())
                .isEqualTo(SerializationError.INVALID_STRING); // encoded surrogate
        // UTF-16BE with an unpaired high surrogate D800.
        assertThat(rejects(Strings.getDescriptor(), "04 EFBBBF 00  0006 FEFF D800 0000").error())
                .isEqualTo(SerializationError.INVALID_STRING);
    }

    @Test
    @DisplayName("feat_req_someip_233, _687, _639: string without \\0 terminator: MISSING_TERMINATOR")
    void missingTerminator() {
        assertThat(rejects(Strings.getDescriptor(), "05 EFBBBF 4869").error())
                .isEqualTo(SerializationError.MISSING_TERMINATOR);
        // UTF-16: a single 00 byte is no terminator; it must be a whole 0x0000 code unit.
        assertThat(rejects(Strings.getDescriptor(), "04 EFBBBF 00  0005 FEFF 0048 00").error())
                .isEqualTo(SerializationError.MISSING_TERMINATOR);
    }

    @Test
    @DisplayName("feat_req_someip_237: string longer than its deployed maximum: STRING_TOO_LONG")
    void stringTooLong() {
        SerializationException e = rejects(Bounded.getDescriptor(), "00000000  09 EFBBBF 6162636465 00");
        assertThat(e.error()).isEqualTo(SerializationError.STRING_TOO_LONG);
        assertThat(e.fieldPath()).isEqualTo("vehicle.someip.testing.v1.Bounded.name");
    }

    @Test
    @DisplayName("feat_req_someip_260: array over its deployed or configured bound: ARRAY_TOO_LONG")
    void arrayTooLong() {
        assertThat(rejects(Bounded.getDescriptor(), "00000005 0102030405  04 EFBBBF 00").error())
                .isEqualTo(SerializationError.ARRAY_TOO_LONG);
        SomeIpSerializer strict = new SomeIpSerializer(new SerializationLimits(2, 8));
        assertThat(rejects(strict, MapExample.getDescriptor(), "0000000C 0001 0002 0003 0004 0005 0006").error())
                .isEqualTo(SerializationError.ARRAY_TOO_LONG);
        // The catalog's own bound: at most 8 seat presets (each 1 + 1+4 + 8 = 14 bytes with an empty name).
        StringBuilder nine = new StringBuilder("007E");
        for (int i = 0; i < 9; i++) {
            nine.append("01 04 FFFE0000 0000 0000 00000000");
        }
        assertThat(rejects(SeatMemoryPresets.getDescriptor(), nine.toString()).error())
                .isEqualTo(SerializationError.ARRAY_TOO_LONG);
    }

    @Test
    @DisplayName("array bytes that no element consumes: BAD_ARRAY_LAYOUT, not an endless loop")
    void zeroSizeElements() {
        assertThat(rejects(Nothings.getDescriptor(), "00000003 AABBCC").error())
                .isEqualTo(SerializationError.BAD_ARRAY_LAYOUT);
        // A uint16 array whose length is odd leaves half an element.
        assertThat(rejects(Arrays.getDescriptor(), "03 0001 00  070809 00000000 0000").error())
                .isEqualTo(SerializationError.TRUNCATED);
    }

    @Test
    @DisplayName("feat_req_someip_273: union type field naming no member: UNKNOWN_UNION_SELECTOR")
    void unknownUnionSelector() {
        SerializationException e = rejects(UnionExample.getDescriptor(), "00000004 00000003 12000000");
        assertThat(e.error()).isEqualTo(SerializationError.UNKNOWN_UNION_SELECTOR);
        assertThat(e.fieldPath()).isEqualTo("vehicle.someip.testing.v1.UnionExample.value");
        assertThat(rejects(UnionExample.getDescriptor(), "00000004 FFFFFFFF 12000000").error())
                .isEqualTo(SerializationError.UNKNOWN_UNION_SELECTOR);
        assertThat(rejects(UnionWithoutLength.getDescriptor(), "03 00000000").error())
                .isEqualTo(SerializationError.UNKNOWN_UNION_SELECTOR);
    }

    @Test
    @DisplayName("feat_req_someip_799: undefined value of a closed enumeration: UNDEFINED_ENUM_VALUE")
    void undefinedClosedEnum() {
        assertThat(rejects(ClosedEnumHolder.getDescriptor(), "0009").error())
                .isEqualTo(SerializationError.UNDEFINED_ENUM_VALUE);
        // Catalog: air distribution is closed, 7 is undefined.
        assertThat(rejects(ClimateSettings.getDescriptor(),
                "0010 41B00000 41B80000 41A00000 41A00000 32 28 07 01 00 00 01 01").error())
                .isEqualTo(SerializationError.UNDEFINED_ENUM_VALUE);
    }

    @Test
    @DisplayName("wire value the protobuf field cannot hold: VALUE_OUT_OF_RANGE")
    void valueOutOfRange() {
        assertThat(rejects(NarrowField.getDescriptor(), "FFFFFFFF").error())
                .isEqualTo(SerializationError.VALUE_OUT_OF_RANGE);
    }

    @Test
    @DisplayName("structs nested deeper than the bound: NESTING_TOO_DEEP, not a StackOverflowError")
    void nestingTooDeep() {
        // Recursive{children: [Recursive{children: [...]}]}, each level "length, one child".
        int depth = 40;
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            hex.append(String.format("%02X", depth - i)); // length covers the rest
        }
        hex.append("00");
        SerializationException e = rejects(new SomeIpSerializer(new SerializationLimits(16, 8)),
                Recursive.getDescriptor(), hex.substring(0, hex.length()));
        assertThat(e.error()).isIn(SerializationError.NESTING_TOO_DEEP);
    }

    @Test
    @DisplayName("a big declared array with few bytes present allocates nothing and fails fast")
    void hugeDeclaredLengths() {
        assertThat(rejects(Playlist.getDescriptor(), "7FFFFFFF").error()).isEqualTo(SerializationError.LENGTH_BEYOND_END);
        assertThat(rejects(Playlist.getDescriptor(), "00000004 FFFF 0000").error())
                .isEqualTo(SerializationError.LENGTH_BEYOND_END);
    }
}
