package io.vehicle.someip.tp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/**
 * Random segment sequences from a few peers: only WireFormatException may escape, memory stays under
 * the configured bound, every segment is released and nothing is left allocated after close().
 * Plain `mvn test` runs the inputs under TpReassemblerFuzzTestInputs/; JAZZER_FUZZ=1 fuzzes.
 */
class TpReassemblerFuzzTest {

    private static final MessageType[] TYPES = {MessageType.TP_NOTIFICATION, MessageType.TP_REQUEST,
        MessageType.TP_RESPONSE};

    @FuzzTest(maxDuration = "30s")
    @DisplayName("feat_req_someiptp_792/782/783: random segment sequences never break the reassembler")
    void randomSegments(FuzzedDataProvider in) {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        TpReassemblerConfig config = new TpReassemblerConfig(512, 2, 3, 3, Duration.ofNanos(1_000),
                in.consumeBoolean());
        TpReassembler reassembler = new TpReassembler(config, alloc);
        List<SomeIpMessage> delivered = new ArrayList<>();
        long now = 0;
        try {
            for (int i = 0; i < 200 && in.remainingBytes() > 0; i++) {
                now += in.consumeInt(0, 400);
                SomeIpMessage segment = randomSegment(in);
                try {
                    SomeIpMessage result = reassembler.offer(in.consumeInt(0, 3), segment, now);
                    if (result != null) {
                        delivered.add(result);
                        assertThat(result.messageType().isTp()).isFalse();
                        assertThat(result.payload().readableBytes()).isLessThanOrEqualTo(config.maxMessageSize());
                    }
                } catch (WireFormatException expected) {
                    // the only exception allowed out
                }
                assertThat(segment.refCnt()).isZero();
                assertThat(reassembler.bufferedBytes()).isBetween(0L, config.maxBufferedBytes());
                assertThat(reassembler.activeReassemblies()).isLessThanOrEqualTo(config.maxReassemblies());
                if (in.consumeInt(0, 15) == 0) {
                    reassembler.expire(now);
                }
            }
        } finally {
            reassembler.close();
            TpFixtures.releaseAll(delivered);
        }
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(alloc.metric().usedHeapMemory()).as("bytes still allocated").isZero();
    }

    private static SomeIpMessage randomSegment(FuzzedDataProvider in) {
        int session = in.consumeInt(1, 3);
        int interfaceVersion = in.consumeInt(1, 2);
        int returnCode = in.consumeInt(0, 2);
        MessageType type = TYPES[in.consumeInt(0, TYPES.length - 1)];
        ByteBuf payload = io.netty.buffer.Unpooled.buffer();
        if (in.consumeInt(0, 31) != 0) {
            // Offsets mostly near the size bound, sometimes anywhere in 28 bits.
            int offsetUnits = in.consumeBoolean() ? in.consumeInt(0, 40) : in.consumeInt(0, TpHeader.MAX_OFFSET_UNITS);
            payload.writeInt(new TpHeader(offsetUnits, in.consumeInt(0, 7), in.consumeBoolean()).toWord());
            int length = in.consumeBoolean() ? 16 * in.consumeInt(0, 8) : in.consumeInt(0, 140);
            byte fill = in.consumeByte();
            for (int b = 0; b < length; b++) {
                payload.writeByte(fill + (in.consumeBoolean() ? 0 : b));
            }
        } else {
            payload.writeBytes(in.consumeBytes(3)); // too short for a TP header
        }
        return SomeIpMessage.builder(TpFixtures.SERVICE, TpFixtures.METHOD, type).clientId(TpFixtures.CLIENT)
                .sessionId(session).interfaceVersion(interfaceVersion).returnCode(returnCode).payload(payload).build();
    }
}
