package io.vehicle.someip.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * {@link SomeIpCodec#decode} on arbitrary bytes: only {@link WireFormatException} may escape, a
 * decoded message re-encodes to exactly the bytes it consumed, and nothing leaks. Regression inputs
 * live in SomeIpCodecFuzzTestInputs/decodes and run under plain {@code mvn test}.
 */
class SomeIpCodecFuzzTest {

    @FuzzTest
    void decodes(byte[] data) {
        ByteBuf in = Unpooled.buffer(data.length).writeBytes(data); // never the shared EMPTY_BUFFER
        try {
            while (in.isReadable()) {
                int start = in.readerIndex();
                SomeIpMessage message;
                try {
                    message = SomeIpCodec.decode(in);
                } catch (WireFormatException e) {
                    if (e.error() != WireError.UNKNOWN_MESSAGE_TYPE) {
                        assertThat(in.readerIndex()).as("reader index kept on %s", e.error()).isEqualTo(start);
                        return;
                    }
                    assertThat(in.readerIndex()).as("unknown type skipped by its length").isGreaterThan(start);
                    continue;
                }
                try {
                    int consumed = in.readerIndex() - start;
                    assertThat(consumed).isBetween(SomeIpCodec.HEADER_SIZE, data.length);
                    assertThat(message.length()).isEqualTo(consumed - 8L);
                    ByteBuf encoded = Unpooled.buffer(consumed);
                    SomeIpCodec.encode(message, encoded);
                    // feat_req_someip_45: the header round-trips bit for bit.
                    assertThat(ByteBufUtil.equals(encoded, in.slice(start, consumed))).isTrue();
                    encoded.release();
                } finally {
                    message.release();
                }
            }
        } finally {
            assertThat(in.release()).as("every payload slice released").isTrue();
        }
    }
}
