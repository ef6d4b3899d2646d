package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.UncheckedBooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The read policy of {@link DatagramReads} on a clock the test moves, driven the way Netty's datagram
 * read loops drive it: reset, then per datagram allocate, read, count, ask whether to go on; the read
 * that finds the socket empty allocates and stops; then readComplete.
 */
class DatagramReadsTest {

    static final long GAP = 10_000;

    private long now = 1_000_000;
    private final ChannelConfig config = new DefaultChannelConfig(new EmbeddedChannel());
    private final RecvByteBufAllocator.ExtendedHandle reads =
            (RecvByteBufAllocator.ExtendedHandle) new DatagramReads(1416, true, GAP, () -> now).newHandle();

    /**
     * One read loop over a socket holding {@code waiting} datagrams; returns how many it read. Netty's
     * NIO datagram channel asks with {@link UncheckedBooleanSupplier#TRUE_SUPPLIER}.
     */
    private int readLoop(int waiting) {
        reads.reset(config);
        int read = 0;
        while (true) {
            ByteBuf buffer = reads.allocate(UnpooledByteBufAllocator.DEFAULT);
            buffer.release();
            if (read == waiting) {
                break; // the socket was empty: the read failed
            }
            read++;
            reads.lastBytesRead(24);
            reads.incMessagesRead(1);
            if (!reads.continueReading(UncheckedBooleanSupplier.TRUE_SUPPLIER)) {
                break;
            }
        }
        reads.readComplete();
        return read;
    }

    @Test
    @DisplayName("datagrams that come one at a time are read one per wake-up, without a read that finds the "
            + "socket empty")
    void oneAtATime() {
        for (int i = 0; i < 5; i++) {
            now += 60_000;
            assertThat(readLoop(1)).isEqualTo(1);
            assertThat(((DatagramReads.Reads) reads).draining()).isFalse();
        }
    }

    @Test
    @DisplayName("a wake-up right after a read drains the socket, up to 16 datagrams per loop, until a drain "
            + "finds a single datagram")
    void burstIsDrained() {
        now += 60_000;
        assertThat(readLoop(40)).as("first datagram of a burst, after a quiet spell").isEqualTo(1);
        now += 2_000;
        assertThat(readLoop(39)).as("the loop woke at once: the socket held more").isEqualTo(16);
        now += 2_000;
        assertThat(readLoop(23)).isEqualTo(16);
        now += 2_000;
        assertThat(readLoop(7)).as("draining goes on while loops find several").isEqualTo(7);
        now += 30_000;
        assertThat(readLoop(1)).isEqualTo(1);
        assertThat(((DatagramReads.Reads) reads).draining()).as("a drain that found one ends the burst").isFalse();
        now += 30_000;
        assertThat(readLoop(3)).as("back to one per wake-up").isEqualTo(1);
    }

    @Test
    @DisplayName("a wake-up more than the burst gap after the previous read stays at one datagram")
    void gapDecides() {
        now += 60_000;
        readLoop(1);
        now += GAP;
        assertThat(readLoop(5)).isEqualTo(1);
        now += GAP - 1;
        assertThat(readLoop(4)).isEqualTo(4);
    }

    @Test
    @DisplayName("where reads complete (io_uring) every read loop drains the socket, as Netty does")
    void completionTransportsAlwaysDrain() {
        RecvByteBufAllocator.ExtendedHandle draining =
                (RecvByteBufAllocator.ExtendedHandle) new DatagramReads(1416, false, GAP, () -> now).newHandle();
        for (int i = 0; i < 3; i++) {
            now += 60_000;
            draining.reset(config);
            draining.allocate(UnpooledByteBufAllocator.DEFAULT).release();
            draining.lastBytesRead(24);
            draining.incMessagesRead(1);
            assertThat(draining.continueReading(UncheckedBooleanSupplier.TRUE_SUPPLIER)).as("loop %d", i).isTrue();
            draining.allocate(UnpooledByteBufAllocator.DEFAULT).release(); // the socket was empty
            draining.readComplete();
        }
    }

    @Test
    @DisplayName("buffers hold the largest datagram accepted: at least Netty's 2,048 bytes, at most 65,535")
    void bufferSize() {
        assertThat(new DatagramReads(1416, true).bufferSize()).isEqualTo(2048);
        assertThat(new DatagramReads(9000, true).bufferSize()).isEqualTo(9000);
        assertThat(new DatagramReads(1 << 20, true).bufferSize()).isEqualTo(65_535);
        RecvByteBufAllocator.Handle handle = new DatagramReads(9000, true).newHandle();
        ByteBuf buffer = handle.allocate(UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(buffer.writableBytes()).isEqualTo(9000);
            assertThat(handle.guess()).isEqualTo(9000);
        } finally {
            buffer.release();
        }
        assertThatThrownBy(() -> new DatagramReads(0, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("largestDatagram");
    }
}
