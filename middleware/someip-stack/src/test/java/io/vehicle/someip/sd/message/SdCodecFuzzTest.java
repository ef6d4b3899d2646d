package io.vehicle.someip.sd.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Hostile SD payloads: whatever the bytes, {@link SdCodec#decode(ByteBuf)} either returns or
 * throws {@link SdFormatException} (feat_req_someipsd_1164), never another exception, and it
 * neither moves the reader index nor touches the reference count. Under plain {@code mvn test}
 * this runs the inputs in SdCodecFuzzTestInputs/decode; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class SdCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    @org.junit.jupiter.api.DisplayName("feat_req_someipsd_1164: any bytes decode or fail with SdFormatException, nothing else")
    void decode(byte[] data) {
        ByteBuf payload = Unpooled.buffer(data.length).writeBytes(data);
        try {
            DecodedSdMessage decoded = SdCodec.decode(payload);
            // Every entry is either accepted or rejected, and all are 16 bytes.
            int entriesLength = payload.getInt(4);
            assertThat(decoded.message().entries().size() + decoded.rejected().size()).isEqualTo(entriesLength / 16);
            assertThat(decoded.indexes()).hasSameSizeAs(decoded.message().entries());
        } catch (SdFormatException expected) {
            assertThat(expected.error()).isNotNull();
        } finally {
            assertThat(payload.readerIndex()).isZero();
            assertThat(payload.release()).isTrue();
        }
    }
}
