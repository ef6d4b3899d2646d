package io.vehicle.someip.tp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.List;

/** Builds test messages and segments; every buffer is unpooled so refCnt() checks are exact. */
final class TpFixtures {

    static final int SERVICE = 0x1234;
    static final int METHOD = 0x8005;
    static final int CLIENT = 0x0101;

    private TpFixtures() {
    }

    /** Deterministic, position-dependent content so misplaced bytes are noticed. */
    static byte[] content(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7 + 3 + seed * 31 + (i >>> 8));
        }
        return bytes;
    }

    static SomeIpMessage original(int size, int session) {
        return SomeIpMessage.builder(SERVICE, METHOD, MessageType.NOTIFICATION).clientId(CLIENT).sessionId(session)
                .interfaceVersion(2).payload(Unpooled.wrappedBuffer(content(size, session))).build();
    }

    /** A raw TP segment as it would come off the wire. */
    static SomeIpMessage segment(int session, long byteOffset, boolean more, byte[] data) {
        return segment(MessageType.TP_NOTIFICATION, session, 1, 2, 0, TpHeader.forSegment(byteOffset, more), data);
    }

    static SomeIpMessage segment(MessageType type, int session, int protocolVersion, int interfaceVersion,
                                 int returnCode, TpHeader header, byte[] data) {
        ByteBuf payload = Unpooled.buffer(TpHeader.SIZE + data.length);
        header.write(payload);
        payload.writeBytes(data);
        return SomeIpMessage.builder(SERVICE, METHOD, type).clientId(CLIENT).sessionId(session)
                .protocolVersion(protocolVersion).interfaceVersion(interfaceVersion).returnCode(returnCode)
                .payload(payload).build();
    }

    static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    static byte[] bytes(SomeIpMessage message) {
        return ByteBufUtil.getBytes(message.payload());
    }

    static void releaseAll(List<SomeIpMessage> messages) {
        messages.forEach(m -> {
            if (m.refCnt() > 0) {
                m.release();
            }
        });
    }
}
