package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;

/**
 * {@link UdpSomeIpDecoder} on arbitrary datagrams: nothing escapes the pipeline, at most one
 * message per 16 bytes comes out, every rejected byte is counted, and the datagram is released.
 */
class UdpSomeIpDecoderFuzzTest {

    static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
    static final InetSocketAddress RECIPIENT = new InetSocketAddress("127.0.0.1", 30501);

    @FuzzTest
    void decodesDatagram(byte[] data) {
        InboundErrors errors = new InboundErrors();
        EmbeddedChannel channel = new EmbeddedChannel(new UdpSomeIpDecoder(errors));
        DatagramPacket packet = new DatagramPacket(Unpooled.buffer(data.length).writeBytes(data), RECIPIENT,
                SENDER);
        channel.writeInbound(packet);
        channel.checkException(); // rethrows anything that reached the end of the pipeline
        int messages = 0;
        long payloadBytes = 0;
        for (Object read = channel.readInbound(); read != null; read = channel.readInbound()) {
            try {
                assertThat(read).isInstanceOf(AddressedEnvelope.class);
                AddressedEnvelope<?, ?> envelope = (AddressedEnvelope<?, ?>) read;
                assertThat(envelope.sender()).isEqualTo(SENDER);
                SomeIpMessage message = (SomeIpMessage) envelope.content();
                payloadBytes += SomeIpCodec.encodedSize(message);
                messages++;
            } finally {
                ReferenceCountUtil.release(read);
            }
        }
        assertThat(packet.refCnt()).as("datagram released once its messages are").isZero();
        assertThat(messages).isLessThanOrEqualTo(data.length / SomeIpCodec.HEADER_SIZE);
        assertThat(payloadBytes).isLessThanOrEqualTo(data.length);
        if (payloadBytes < data.length) {
            assertThat(errors.total()).as("bytes not delivered were counted as errors").isPositive();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
