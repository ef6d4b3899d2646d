package io.vehicle.someip.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.infotainment.v1.MediaSource;
import io.vehicle.idl.infotainment.v1.Playlist;
import io.vehicle.idl.lights.v1.InteriorLights;
import io.vehicle.idl.seats.v1.SeatMemoryPresets;
import io.vehicle.someip.serialization.shapes.Recursive;
import io.vehicle.someip.serialization.shapes.Scalars;
import io.vehicle.someip.serialization.shapes.Strings;
import io.vehicle.someip.serialization.shapes.UnionWithoutLength;
import java.util.List;

/**
 * Hostile payloads: the first byte picks a type, the rest is its payload. Only SerializationException may
 * come out; whatever decodes must encode and decode to the same message; no buffer leaks.
 * Under plain {@code mvn test} the inputs in SomeIpSerializerFuzzTestInputs/deserialize run as regression
 * tests; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class SomeIpSerializerFuzzTest {

    private static final SomeIpSerializer SERIALIZER = new SomeIpSerializer(new SerializationLimits(4_096, 16));
    private static final List<Message> TYPES = List.of(ClimateSettings.getDefaultInstance(),
            MediaSource.getDefaultInstance(), Playlist.getDefaultInstance(), SeatMemoryPresets.getDefaultInstance(),
            InteriorLights.getDefaultInstance(), Strings.getDefaultInstance(), Scalars.getDefaultInstance(),
            UnionWithoutLength.getDefaultInstance(), Recursive.getDefaultInstance());

    @FuzzTest(maxDuration = "60s")
    void deserialize(byte[] input) throws SerializationException {
        if (input.length == 0) {
            return;
        }
        Message type = TYPES.get((input[0] & 0xFF) % TYPES.size());
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(input.length).writeBytes(input, 1, input.length - 1);
        try {
            Message decoded;
            try {
                decoded = SERIALIZER.deserialize(in, type);
            } catch (SerializationException e) {
                assertThat(e.error().malformedInput()).as(e.getMessage()).isTrue();
                assertThat(in.readerIndex()).isZero();
                return;
            }
            ByteBuf again = SERIALIZER.serialize(decoded, PooledByteBufAllocator.DEFAULT);
            try {
                assertThat(SERIALIZER.deserialize(again, type)).isEqualTo(decoded);
            } finally {
                assertThat(again.release()).isTrue();
            }
        } finally {
            assertThat(in.refCnt()).isEqualTo(1);
            assertThat(in.release()).isTrue();
        }
    }
}
