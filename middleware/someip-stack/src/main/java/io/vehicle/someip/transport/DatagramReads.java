package io.vehicle.someip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How a UDP socket's read loop reads: into buffers large enough for the largest datagram accepted
 * (Netty's default of 2,048 bytes would cut a larger one short), and one datagram per wake-up while
 * datagrams come one at a time.
 *
 * <p>Netty reads a datagram socket until a read finds it empty. On a request-response exchange that
 * last read is wasted, one failing {@code recvmsg} per datagram on each side; measured on this project's
 * VM, dropping it takes about 9 µs of CPU off a UDP round trip (docs/performance.md). The NIO and epoll
 * event loops of Netty 4.2 select level-triggered, so a datagram left in the socket wakes the loop again
 * at once; reading one per wake-up loses nothing. Bursts are another matter: their answers are packed
 * into shared datagrams only when they are read together ({@link BurstFlushHandler}). So a read loop
 * that starts less than {@code burstGap} after the previous one ended (the socket already held the next
 * datagram) drains the socket, up to {@link #MAX_MESSAGES_PER_READ}, and keeps doing so until a drain
 * finds a single datagram. io_uring completes reads instead of reporting readiness, so there every
 * read loop drains, as Netty does (one read per wake-up made its event streams lose more, measured).
 */
public final class DatagramReads extends DefaultMaxMessagesRecvByteBufAllocator {

    /** Datagrams one read loop takes at most while draining (Netty's default for datagram sockets). */
    public static final int MAX_MESSAGES_PER_READ = 16;
    /** Netty's receive buffer for datagrams; never smaller. */
    public static final int MIN_BUFFER = 2048;
    /** The largest UDP payload IPv4 carries is smaller; no buffer needs to be larger. */
    public static final int MAX_DATAGRAM = 65_535;
    /** Wake-ups closer than this to the previous read's end found the socket holding a burst. */
    public static final long DEFAULT_BURST_GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(10);

    private final int bufferSize;
    private final boolean onePerWakeUp;
    private final long burstGapNanos;
    private final LongSupplier clock;

    /**
     * Buffers for datagrams of up to {@code largestDatagram} bytes, between {@link #MIN_BUFFER} and
     * {@link #MAX_DATAGRAM}; {@code onePerWakeUp} for event loops that select level-triggered (NIO, epoll),
     * else every read loop drains the socket.
     */
    public DatagramReads(int largestDatagram, boolean onePerWakeUp) {
        this(largestDatagram, onePerWakeUp, DEFAULT_BURST_GAP_NANOS, System::nanoTime);
    }

    DatagramReads(int largestDatagram, boolean onePerWakeUp, long burstGapNanos, LongSupplier clock) {
        super(MAX_MESSAGES_PER_READ);
        if (largestDatagram < 1) {
            throw new IllegalArgumentException("largestDatagram must be positive: " + largestDatagram);
        }
        this.bufferSize = Math.min(MAX_DATAGRAM, Math.max(MIN_BUFFER, largestDatagram));
        this.onePerWakeUp = onePerWakeUp;
        this.burstGapNanos = burstGapNanos;
        this.clock = clock;
    }

    public int bufferSize() {
        return bufferSize;
    }

    @Override
    public Handle newHandle() {
        return new Reads();
    }

    /** One channel's read loops; confined to its event loop like the channel. */
    final class Reads extends MaxMessageHandle {

        private long lastReadEnd = Long.MIN_VALUE;
        private boolean draining = !onePerWakeUp;
        private int buffersThisRead;

        @Override
        public void reset(ChannelConfig config) {
            super.reset(config);
            long now = clock.getAsLong();
            if (lastReadEnd != Long.MIN_VALUE && now - lastReadEnd < burstGapNanos) {
                draining = true;
            }
            buffersThisRead = 0;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            buffersThisRead++;
            return alloc.ioBuffer(bufferSize);
        }

        @Override
        public int guess() {
            return bufferSize;
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return draining && super.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            super.readComplete();
            // A drain that found one datagram (and an empty socket after it) ends the burst.
            if (onePerWakeUp && draining && buffersThisRead <= 2) {
                draining = false;
            }
            lastReadEnd = clock.getAsLong();
        }

        boolean draining() {
            return draining;
        }
    }
}
