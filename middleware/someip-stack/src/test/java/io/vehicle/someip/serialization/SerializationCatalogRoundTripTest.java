package io.vehicle.someip.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.infotainment.v1.MediaSource;
import io.vehicle.idl.infotainment.v1.NowPlaying;
import io.vehicle.idl.infotainment.v1.Playlist;
import io.vehicle.idl.infotainment.v1.Track;
import io.vehicle.someip.serialization.shapes.Scalars;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Property: for every message type of the catalog, serialize then deserialize gives the message back. */
class SerializationCatalogRoundTripTest {

    private static final SomeIpSerializer SERIALIZER = new SomeIpSerializer();
    private static final int SAMPLES = 60;

    static Stream<Descriptor> messageTypes() {
        List<Descriptor> types = new ArrayList<>(VehicleCatalog.messageTypes());
        // Test shapes too, except the ones built for malformed input: an array of empty structs cannot carry
        // its element count, and Recursive exists to test the nesting bound.
        Scalars.getDescriptor().getFile().getMessageTypes().stream()
                .filter(t -> !t.getName().equals("Nothings") && !t.getName().equals("Recursive"))
                .forEach(types::add);
        return types.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageTypes")
    @DisplayName("random messages of every catalog type survive serialize -> deserialize (dynamic)")
    void dynamicRoundTrip(Descriptor type) throws SerializationException {
        RandomMessages random = new RandomMessages(type.getFullName().hashCode());
        for (int i = 0; i < SAMPLES; i++) {
            DynamicMessage original = random.message(type);
            ByteBuf wire = SERIALIZER.serialize(original, PooledByteBufAllocator.DEFAULT);
            try {
                int size = wire.readableBytes();
                DynamicMessage decoded = SERIALIZER.deserialize(wire, type);
                assertThat(decoded).as("sample %d of %s: %s", i, type.getFullName(), original).isEqualTo(original);
                assertThat(wire.readerIndex()).as("bytes consumed").isEqualTo(size);
            } finally {
                assertThat(wire.release()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageTypes")
    @DisplayName("generated classes give the same bytes as DynamicMessage and read back to equal objects")
    void generatedRoundTrip(Descriptor type) throws Exception {
        Message prototype = defaultInstance(type);
        RandomMessages random = new RandomMessages(31L * type.getFullName().hashCode());
        for (int i = 0; i < SAMPLES / 3; i++) {
            DynamicMessage dynamic = random.message(type);
            Message typed = prototype.getParserForType().parseFrom(dynamic.toByteString());
            ByteBuf fromDynamic = SERIALIZER.serialize(dynamic, PooledByteBufAllocator.DEFAULT);
            ByteBuf fromTyped = SERIALIZER.serialize(typed, PooledByteBufAllocator.DEFAULT);
            try {
                assertThat(ByteBufUtil.hexDump(fromTyped)).isEqualTo(ByteBufUtil.hexDump(fromDynamic));
                assertThat(SERIALIZER.deserialize(fromTyped, prototype)).isEqualTo(typed);
            } finally {
                assertThat(fromDynamic.release()).isTrue();
                assertThat(fromTyped.release()).isTrue();
            }
        }
    }

    private static Message defaultInstance(Descriptor type) throws ReflectiveOperationException {
        String javaPackage = type.getFile().getOptions().getJavaPackage();
        String name = type.getFullName().substring(type.getFile().getPackage().length() + 1).replace('.', '$');
        return (Message) Class.forName(javaPackage + "." + name).getMethod("getDefaultInstance").invoke(null);
    }

    @Test
    @DisplayName("non-ASCII text in UTF-8, UTF-16BE and a union member round-trips (feat_req_someip_234)")
    void nonAsciiText() throws SerializationException {
        Playlist playlist = Playlist.newBuilder()
                .addTracks(Track.newBuilder().setTitle("温度 23°C").setArtist("Café Ünïcödé 🚗").setDurationS(65535))
                .addTracks(Track.getDefaultInstance())
                .build();
        MediaSource source = MediaSource.newBuilder()
                .setBluetooth(io.vehicle.idl.infotainment.v1.BluetoothDevice.newBuilder()
                        .setDeviceName("李的手机 📱").setAddress(com.google.protobuf.ByteString.copyFrom(new byte[6])))
                .build();
        for (Message message : List.of(playlist, source, NowPlaying.newBuilder().setTitle("温度 23°C").build())) {
            ByteBuf wire = SERIALIZER.serialize(message, PooledByteBufAllocator.DEFAULT);
            try {
                assertThat(SERIALIZER.deserialize(wire, message.getDefaultInstanceForType())).isEqualTo(message);
            } finally {
                assertThat(wire.release()).isTrue();
            }
        }
    }
}
