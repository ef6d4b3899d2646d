package io.vehicle.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.transport.TcpSomeIpEncoder;
import io.vehicle.someip.transport.TcpSomeIpFrameDecoder;
import io.vehicle.someip.transport.UdpSomeIpDecoder;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire codec's hot paths, one message or one datagram per operation: header encode and
 * decode with 8 B and 1 KiB payloads, splitting a datagram of 10 messages (UdpSomeIpDecoder),
 * and TCP framing (TcpSomeIpEncoder out, TcpSomeIpFrameDecoder in, 10 messages per read).
 * Every buffer an operation creates is released in it. Run with bench/jmh (see docs/performance.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WireCodecBenchmark {

    private static final int MESSAGES_PER_DATAGRAM = 10;
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 30509);

    @Param({"8", "1024"})
    public int payloadSize;

    private SomeIpMessage message;
    private ByteBuf encodeTarget;
    private ByteBuf encoded;
    private ByteBuf datagram;
    private ByteBuf stream;
    private EmbeddedChannel udpDecoder;
    private EmbeddedChannel tcpDecoder;
    private EmbeddedChannel tcpEncoder;

    @Setup(Level.Trial)
    public void setUp() {
        message = SomeIpMessage.builder(0x1234, 0x8001, MessageType.NOTIFICATION).interfaceVersion(1)
                .sessionId(7).payload(Unpooled.directBuffer(payloadSize).writeZero(payloadSize)).build();
        encodeTarget = PooledByteBufAllocator.DEFAULT.directBuffer(SomeIpCodec.encodedSize(message));
        encoded = Unpooled.directBuffer().writeBytes(SomeIpCodec.encode(message, Unpooled.buffer(0).alloc()));
        datagram = Unpooled.directBuffer();
        stream = Unpooled.directBuffer();
        for (int i = 0; i < MESSAGES_PER_DATAGRAM; i++) {
            datagram.writeBytes(encoded, 0, encoded.readableBytes());
            stream.writeBytes(encoded, 0, encoded.readableBytes());
        }
        InboundErrors errors = new InboundErrors();
        udpDecoder = new EmbeddedChannel(new UdpSomeIpDecoder(errors));
        tcpDecoder = new EmbeddedChannel(new TcpSomeIpFrameDecoder(1 << 20, errors));
        tcpEncoder = new EmbeddedChannel(new TcpSomeIpEncoder(true, TcpSomeIpEncoder.DEFAULT_COOKIE_INTERVAL_NANOS));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        message.release();
        encodeTarget.release();
        encoded.release();
        datagram.release();
        stream.release();
        udpDecoder.finishAndReleaseAll();
        tcpDecoder.finishAndReleaseAll();
        tcpEncoder.finishAndReleaseAll();
    }

    /** Header and payload appended to a buffer (the UDP encoder's inner step). */
    @Benchmark
    public int encode() {
        encodeTarget.clear();
        SomeIpCodec.encode(message, encodeTarget);
        return encodeTarget.writerIndex();
    }

    /** Header parsed and checked; the payload becomes a retained slice, released here. */
    @Benchmark
    public int decode() throws WireFormatException {
        encoded.readerIndex(0);
        SomeIpMessage decoded = SomeIpCodec.decode(encoded);
        int session = decoded.sessionId();
        decoded.release();
        return session;
    }

    /** One datagram of 10 messages through UdpSomeIpDecoder (per operation: all 10). */
    @Benchmark
    public int udpSplit10() {
        udpDecoder.writeInbound(new DatagramPacket(datagram.retainedDuplicate(), PEER, PEER));
        return drain(udpDecoder);
    }

    /** One read of 10 messages through TcpSomeIpFrameDecoder (per operation: all 10). */
    @Benchmark
    public int tcpFrame10() {
        tcpDecoder.writeInbound(stream.retainedDuplicate());
        return drain(tcpDecoder);
    }

    /** One message through TcpSomeIpEncoder into a pooled buffer (cookie once per 10 s). */
    @Benchmark
    public int tcpEncode() {
        tcpEncoder.writeOutbound(message.retainedDuplicate());
        ByteBuf out = tcpEncoder.readOutbound();
        int size = out.readableBytes();
        out.release();
        return size;
    }

    private static int drain(EmbeddedChannel channel) {
        int count = 0;
        for (Object decoded = channel.readInbound(); decoded != null; decoded = channel.readInbound()) {
            io.netty.util.ReferenceCountUtil.release(decoded);
            count++;
        }
        if (count != MESSAGES_PER_DATAGRAM) {
            throw new IllegalStateException(count + " messages decoded, expected " + MESSAGES_PER_DATAGRAM);
        }
        return count;
    }
}
