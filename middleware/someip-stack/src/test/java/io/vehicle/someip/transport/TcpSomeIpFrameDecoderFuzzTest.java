package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;

/**
 * {@link TcpSomeIpFrameDecoder} on an arbitrary stream cut into arbitrary chunks: nothing escapes
 * the pipeline, what comes out is bounded by what went in and by the maximum message size, and
 * every buffer is released.
 */
class TcpSomeIpFrameDecoderFuzzTest {

    static final int MAX_MESSAGE = 4096;

    @FuzzTest
    void framesStream(FuzzedDataProvider input) {
        EmbeddedChannel channel = new EmbeddedChannel(new TcpSomeIpFrameDecoder(MAX_MESSAGE, new InboundErrors()));
        int streamed = 0;
        long delivered = 0;
        int messages = 0;
        while (input.remainingBytes() > 0) {
            byte[] chunk = input.consumeBytes(input.consumeInt(1, 512));
            streamed += chunk.length;
            channel.writeInbound(Unpooled.copiedBuffer(chunk));
            channel.checkException();
            for (Object read = channel.readInbound(); read != null; read = channel.readInbound()) {
                try {
                    assertThat(read).isInstanceOf(SomeIpMessage.class);
                    int size = SomeIpCodec.encodedSize((SomeIpMessage) read);
                    assertThat(size).isBetween(SomeIpCodec.HEADER_SIZE, MAX_MESSAGE);
                    delivered += size;
                    messages++;
                } finally {
                    ReferenceCountUtil.release(read);
                }
            }
        }
        assertThat(delivered).isLessThanOrEqualTo(streamed);
        assertThat(messages).isLessThanOrEqualTo(streamed / SomeIpCodec.HEADER_SIZE);
        channel.finishAndReleaseAll();
        channel.checkException();
    }
}
