package io.vehicle.bench;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vehicle.idl.hvac.v1.AirDistribution;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.ZoneSetpoints;
import io.vehicle.idl.infotainment.v1.Playlist;
import io.vehicle.idl.infotainment.v1.Track;
import io.vehicle.someip.serialization.SerializationException;
import io.vehicle.someip.serialization.SomeIpSerializer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * SOME/IP serialization of catalog messages against protobuf's own binary encoding of the same message.
 * Run (see docs/serialization.md): {@code java -cp ... org.openjdk.jmh.Main SerializationBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerializationBenchmark {

    /** hvac: the HVAC climate field (typical event); playlist: 1,000 tracks with strings (large message). */
    @Param({"hvac", "playlist"})
    public String payload;

    private final SomeIpSerializer serializer = new SomeIpSerializer();
    private Message message;
    private ByteBuf someIpWire;
    private ByteBuf out;
    private byte[] protobufWire;
    private byte[] protobufOut;

    @Setup
    public void setUp() throws SerializationException {
        message = payload.equals("hvac") ? climate() : playlist(1_000);
        someIpWire = PooledByteBufAllocator.DEFAULT.directBuffer();
        serializer.serialize(message, someIpWire);
        out = PooledByteBufAllocator.DEFAULT.directBuffer(someIpWire.readableBytes());
        protobufWire = message.toByteArray();
        protobufOut = new byte[protobufWire.length];
    }

    @TearDown
    public void tearDown() {
        someIpWire.release();
        out.release();
    }

    static ClimateSettings climate() {
        return ClimateSettings.newBuilder()
                .setSetpoints(ZoneSetpoints.newBuilder().setRow1Driver(21.5f).setRow1Passenger(22f).setRow2Driver(20f)
                        .setRow2Passenger(20.5f))
                .setRow1DriverFanSpeed(40).setRow1PassengerFanSpeed(35)
                .setRow1DriverAirDistribution(AirDistribution.AIR_DISTRIBUTION_MIDDLE)
                .setAirConditioning(true).setAutoMode(true).build();
    }

    static Playlist playlist(int tracks) {
        Playlist.Builder playlist = Playlist.newBuilder();
        for (int i = 0; i < tracks; i++) {
            playlist.addTracks(Track.newBuilder().setTitle("Track " + i).setArtist("Artist " + (i % 37))
                    .setDurationS(180 + i % 120));
        }
        return playlist.build();
    }

    @Benchmark
    public int someIpSerialize() throws SerializationException {
        out.clear();
        serializer.serialize(message, out);
        return out.writerIndex();
    }

    @Benchmark
    public Message someIpDeserialize() throws SerializationException {
        someIpWire.readerIndex(0);
        return serializer.deserialize(someIpWire, message);
    }

    @Benchmark
    public int protobufSerialize() throws IOException {
        CodedOutputStream stream = CodedOutputStream.newInstance(protobufOut);
        message.writeTo(stream);
        return stream.getTotalBytesWritten();
    }

    @Benchmark
    public Message protobufDeserialize() throws InvalidProtocolBufferException {
        return message.getParserForType().parseFrom(protobufWire);
    }
}
