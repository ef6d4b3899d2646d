package io.vehicle.someip.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * SOME/IP Magic Cookie messages (feat_req_someip_609, feat_req_someip_589) that let a receiver
 * resynchronise to a TCP stream after garbage (feat_req_someip_586).
 */
public final class MagicCookie {

    public static final int SIZE = 16;
    /** Message ID of a cookie sent by a client to a server. */
    public static final int CLIENT_MESSAGE_ID = 0xFFFF0000;
    /** Message ID of a cookie sent by a server to a client. */
    public static final int SERVER_MESSAGE_ID = 0xFFFF8000;

    private static final byte[] CLIENT = bytes(CLIENT_MESSAGE_ID, 0x01);
    private static final byte[] SERVER = bytes(SERVER_MESSAGE_ID, 0x02);

    private MagicCookie() {
    }

    /** The cookie a client or a server writes; a read-only buffer that needs no release. */
    public static ByteBuf of(boolean fromServer) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(fromServer ? SERVER : CLIENT).asReadOnly());
    }

    /** Whether the 16 bytes at {@code offset} are a cookie of either direction. */
    public static boolean isAt(ByteBuf in, int offset) {
        if (in.writerIndex() - offset < SIZE) {
            return false;
        }
        return matches(in, offset, CLIENT) || matches(in, offset, SERVER);
    }

    /** Whether a decoded message is a cookie (it is dropped, never delivered). */
    public static boolean is(SomeIpMessage message) {
        int id = message.messageId();
        return (id == CLIENT_MESSAGE_ID || id == SERVER_MESSAGE_ID) && message.requestId() == 0xDEADBEEF
                && message.payload().readableBytes() == 0;
    }

    /**
     * The offset of the first cookie at or after {@code from} within the readable bytes, or -1.
     */
    public static int find(ByteBuf in, int from) {
        int last = in.writerIndex() - SIZE;
        for (int i = from; i <= last; i++) {
            // Both cookies start with 0xFFFF and carry length 8 at offset 4.
            if (in.getShort(i) == (short) 0xFFFF && in.getInt(i + 4) == 8 && isAt(in, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(ByteBuf in, int offset, byte[] cookie) {
        for (int i = 0; i < SIZE; i++) {
            if (in.getByte(offset + i) != cookie[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(int messageId, int messageType) {
        ByteBuf buf = Unpooled.buffer(SIZE);
        buf.writeInt(messageId);
        buf.writeInt(8);
        buf.writeInt(0xDEADBEEF);
        buf.writeByte(SomeIpMessage.PROTOCOL_VERSION);
        buf.writeByte(0x01);
        buf.writeByte(messageType);
        buf.writeByte(0x00);
        return buf.array();
    }
}
