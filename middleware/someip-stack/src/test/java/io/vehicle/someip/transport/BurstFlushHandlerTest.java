package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * BurstFlushHandler in an EmbeddedChannel, between a probe that counts the flushes reaching the
 * socket side and an inbound handler that answers every message it reads, as a server does.
 */
class BurstFlushHandlerTest {

    /** Records every flush that passes the handler under test, with how many writes were pending then. */
    static final class FlushProbe extends ChannelOutboundHandlerAdapter {
        final List<Integer> flushedWrites = new ArrayList<>();
        int writes;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
            writes++;
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushedWrites.add(writes);
            writes = 0;
            ctx.flush();
        }
    }

    /** Answers each message read with a write and a flush, as a request handler does. */
    static final class Answerer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush("answer to " + msg);
        }
    }

    private final FlushProbe probe = new FlushProbe();

    private EmbeddedChannel channel(int maxHeld) {
        return new EmbeddedChannel(probe, new BurstFlushHandler(maxHeld), new Answerer());
    }

    private static void read(EmbeddedChannel channel, int messages) {
        for (int i = 0; i < messages; i++) {
            channel.pipeline().fireChannelRead("request " + i);
        }
        channel.pipeline().fireChannelReadComplete();
    }

    @Test
    @DisplayName("a flush outside a read passes at once")
    void flushOutsideRead() {
        EmbeddedChannel channel = channel(64);
        channel.writeAndFlush("event");
        assertThat(probe.flushedWrites).containsExactly(1);
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("the answer to a lone request in a read leaves inside the read, not at its end")
    void loneRequestFlushesAtOnce() {
        EmbeddedChannel channel = channel(64);
        channel.pipeline().fireChannelRead("request");
        assertThat(probe.flushedWrites).as("before the read completes").containsExactly(1);
        channel.pipeline().fireChannelReadComplete();
        assertThat(probe.flushedWrites).as("nothing more at the end of the read").containsExactly(1);
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("feat_req_someip_584: from the second message of a read on, answers wait for its end and leave "
            + "with one flush")
    void burstIsFlushedOnceAtTheEnd() {
        EmbeddedChannel channel = channel(64);
        for (int i = 0; i < 10; i++) {
            channel.pipeline().fireChannelRead("request " + i);
        }
        assertThat(probe.flushedWrites).as("during the read: only the first answer").containsExactly(1);
        channel.pipeline().fireChannelReadComplete();
        assertThat(probe.flushedWrites).as("after the read").containsExactly(1, 9);
        read(channel, 1);
        assertThat(probe.flushedWrites).as("the next read starts afresh").containsExactly(1, 9, 1);
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("no more than maxHeldFlushes flushes are held in one read")
    void heldFlushesAreBounded() {
        EmbeddedChannel channel = channel(4);
        read(channel, 10);
        assertThat(probe.flushedWrites).containsExactly(1, 4, 4, 1);
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("a channel that turns unwritable mid-read gets what was held")
    void unwritableFlushesHeld() {
        EmbeddedChannel channel = channel(64);
        channel.pipeline().fireChannelRead("request 0");
        channel.pipeline().fireChannelRead("request 1");
        channel.pipeline().fireChannelRead("request 2");
        assertThat(probe.flushedWrites).containsExactly(1);
        // What a full write buffer does: the channel turns unwritable and says so through the pipeline.
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        channel.runPendingTasks(); // the change is announced in a task of the event loop
        assertThat(channel.isWritable()).isFalse();
        assertThat(probe.flushedWrites).as("held answers flushed when the channel turned unwritable")
                .containsExactly(1, 2);
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("held answers are flushed when the channel closes mid-read")
    void closeFlushesHeld() {
        EmbeddedChannel channel = channel(64);
        channel.pipeline().fireChannelRead("request 0");
        channel.pipeline().fireChannelRead("request 1");
        channel.pipeline().fireChannelInactive();
        assertThat(probe.flushedWrites).containsExactly(1, 1);
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("a bound below one is refused")
    void refusesZeroBound() {
        assertThatThrownBy(() -> new BurstFlushHandler(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
