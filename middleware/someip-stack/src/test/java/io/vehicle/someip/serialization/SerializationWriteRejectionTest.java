package io.vehicle.someip.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.MessageOrBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vehicle.idl.infotainment.v1.BluetoothDevice;
import io.vehicle.idl.infotainment.v1.FmStation;
import io.vehicle.idl.lights.v1.AmbientScene;
import io.vehicle.idl.lights.v1.InteriorLights;
import io.vehicle.idl.seats.v1.SeatClimate;
import io.vehicle.idl.seats.v1.SeatMemoryPreset;
import io.vehicle.idl.seats.v1.SeatMemoryPresets;
import io.vehicle.idl.someip.FieldWire;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import io.vehicle.idl.someip.WireType;
import io.vehicle.someip.serialization.shapes.ClosedEnumHolder;
import io.vehicle.someip.serialization.shapes.Scalars;
import io.vehicle.someip.serialization.shapes.Strings;
import io.vehicle.someip.wire.ReturnCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Messages that do not fit their deployment are refused on write, with the field path; nothing half-written stays. */
class SerializationWriteRejectionTest {

    private static final SomeIpSerializer SERIALIZER = new SomeIpSerializer();

    private static SerializationException refuses(MessageOrBuilder message) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            out.writeByte(0x42); // earlier content of the buffer must survive
            SerializationException e = catchThrowableOfType(SerializationException.class, () -> SERIALIZER.serialize(message, out));
            assertThat(e).as("%s must be refused", message).isNotNull();
            assertThat(e.error().malformedInput()).isFalse();
            assertThat(e.returnCode()).isEqualTo(ReturnCode.E_NOT_OK);
            assertThat(out.writerIndex()).as("nothing half-written").isEqualTo(1);
            return e;
        } finally {
            assertThat(out.release()).isTrue();
        }
    }

    @Test
    @DisplayName("feat_req_someip_682: 300 into a uint8 is VALUE_OUT_OF_WIDTH, naming the field")
    void valueOutOfWidth() {
        SerializationException e = refuses(SeatClimate.newBuilder().setRow1DriverHeating(300).build());
        assertThat(e.error()).isEqualTo(SerializationError.VALUE_OUT_OF_WIDTH);
        assertThat(e.fieldPath()).isEqualTo("vehicle.seats.v1.SeatClimate.row1_driver_heating");
        assertThat(e.getMessage()).contains("300 does not fit uint8");
        assertThat(refuses(Scalars.newBuilder().setS8(-129).build()).error()).isEqualTo(SerializationError.VALUE_OUT_OF_WIDTH);
        assertThat(refuses(Scalars.newBuilder().setS16(40_000).build()).error()).isEqualTo(SerializationError.VALUE_OUT_OF_WIDTH);
        assertThat(refuses(Scalars.newBuilder().setU16(-1).build()).error()).isEqualTo(SerializationError.VALUE_OUT_OF_WIDTH);
    }

    @Test
    @DisplayName("feat_req_someip_799: an undefined value of a closed enum is refused")
    void closedEnum() {
        assertThat(refuses(ClosedEnumHolder.newBuilder().setColorValue(9).build()).error())
                .isEqualTo(SerializationError.VALUE_OUT_OF_WIDTH);
    }

    @Test
    @DisplayName("text the wire cannot carry (\\0 inside, unpaired surrogate): STRING_NOT_REPRESENTABLE")
    void unrepresentableText() {
        assertThat(refuses(Strings.newBuilder().setUtf8("a\0b").build()).error())
                .isEqualTo(SerializationError.STRING_NOT_REPRESENTABLE);
        assertThat(refuses(Strings.newBuilder().setUtf16Be("x\uD800").build()).error())
                .isEqualTo(SerializationError.STRING_NOT_REPRESENTABLE);
    }

    @Test
    @DisplayName("feat_req_someip_233, _237: strings over their fixed or maximum length: VALUE_TOO_LONG")
    void stringTooLong() {
        // 32 bytes fixed: BOM 3 + text + terminator 1 leaves 28.
        assertThat(refuses(AmbientScene.newBuilder().setName("x".repeat(29)).build()).error())
                .isEqualTo(SerializationError.VALUE_TOO_LONG);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            SERIALIZER.serialize(AmbientScene.newBuilder().setName("x".repeat(28)).build(), out);
            assertThat(out.readableBytes()).isEqualTo(32);
        } catch (SerializationException e) {
            throw new AssertionError(e);
        } finally {
            out.release();
        }
        // FmStation.name: at most 64 bytes with BOM and terminator.
        SerializationException e = refuses(FmStation.newBuilder().setName("é".repeat(31)).build());
        assertThat(e.error()).isEqualTo(SerializationError.VALUE_TOO_LONG);
        assertThat(e.fieldPath()).isEqualTo("vehicle.infotainment.v1.FmStation.name");
    }

    @Test
    @DisplayName("feat_req_someip_582: content longer than an 8-bit length field can count: LENGTH_FIELD_OVERFLOW")
    void lengthFieldOverflow() {
        assertThat(refuses(Strings.newBuilder().setUtf8("y".repeat(300)).build()).error())
                .isEqualTo(SerializationError.LENGTH_FIELD_OVERFLOW);
    }

    @Test
    @DisplayName("feat_req_someip_243: a fixed-length array given another count: ARRAY_LENGTH_MISMATCH")
    void fixedArrayCount() {
        SerializationException e = refuses(InteriorLights.newBuilder().addAmbientColor(255).addAmbientColor(0).build());
        assertThat(e.error()).isEqualTo(SerializationError.ARRAY_LENGTH_MISMATCH);
        assertThat(e.fieldPath()).isEqualTo("vehicle.lights.v1.InteriorLights.ambient_color");
        assertThat(refuses(BluetoothDevice.newBuilder().setAddress(ByteString.copyFrom(new byte[5])).build()).error())
                .isEqualTo(SerializationError.ARRAY_LENGTH_MISMATCH);
    }

    @Test
    @DisplayName("feat_req_someip_260: more elements than deployed: TOO_MANY_ELEMENTS")
    void tooManyElements() {
        SeatMemoryPresets.Builder presets = SeatMemoryPresets.newBuilder();
        for (int i = 0; i < 9; i++) {
            presets.addPresets(SeatMemoryPreset.newBuilder().setSlot(i));
        }
        assertThat(refuses(presets.build()).error()).isEqualTo(SerializationError.TOO_MANY_ELEMENTS);
    }

    @Test
    @DisplayName("a deployment that cannot be serialized fails when the type is prepared, not on the wire")
    void badDeploymentFailsAtPrepare() throws Exception {
        FieldOptions uint8String = FieldOptions.newBuilder()
                .setExtension(SomeIpOptionsProto.wire, FieldWire.newBuilder().setType(WireType.FLOAT32).build()).build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("bad.proto").setSyntax("proto3")
                .addDependency(SomeIpOptionsProto.getDescriptor().getName())
                .addMessageType(DescriptorProto.newBuilder().setName("Bad").addField(FieldDescriptorProto.newBuilder()
                        .setName("n").setNumber(1).setType(FieldDescriptorProto.Type.TYPE_INT32)
                        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setOptions(uint8String)))
                .build();
        FileDescriptor descriptor = FileDescriptor.buildFrom(file, new FileDescriptor[] {SomeIpOptionsProto.getDescriptor()});
        assertThatIllegalArgumentException().isThrownBy(() -> SERIALIZER.prepare(descriptor.findMessageTypeByName("Bad")))
                .withMessageContaining("Bad.n").withMessageContaining("FLOAT32");
        assertThat(DynamicMessage.getDefaultInstance(descriptor.findMessageTypeByName("Bad"))).isNotNull();
    }
}
