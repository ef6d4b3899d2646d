package io.vehicle.someip.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes and decodes the SOME/IP header (feat_req_someip_45) in network byte order
 * (feat_req_someip_42). Pure functions over ByteBufs; transports decide what to do with errors.
 */
public final class SomeIpCodec {

    public static final int HEADER_SIZE = 16;
    /** Bytes of the header that the Length field covers: Request ID through Return Code. */
    public static final int LENGTH_COVERED_HEADER = 8;
    /** Offset of the Length field from the start of a message. */
    public static final int LENGTH_OFFSET = 4;
    public static final int MESSAGE_TYPE_OFFSET = 14;

    private SomeIpCodec() {
    }

    /** Appends the whole message, header and payload, to {@code out}. The message is not released. */
    public static void encode(SomeIpMessage message, ByteBuf out) {
        ByteBuf payload = message.payload();
        out.ensureWritable(HEADER_SIZE + payload.readableBytes());
        out.writeShort(message.serviceId());
        out.writeShort(message.methodId());
        out.writeInt(LENGTH_COVERED_HEADER + payload.readableBytes());
        out.writeShort(message.clientId());
        out.writeShort(message.sessionId());
        out.writeByte(message.protocolVersion());
        out.writeByte(message.interfaceVersion());
        out.writeByte(message.messageType().value());
        out.writeByte(message.returnCode());
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
    }

    /** Encodes into a new buffer from {@code alloc}. The caller owns the result. */
    public static ByteBuf encode(SomeIpMessage message, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(encodedSize(message));
        encode(message, out);
        return out;
    }

    public static int encodedSize(SomeIpMessage message) {
        return HEADER_SIZE + message.payload().readableBytes();
    }

    /**
     * The total size on the wire (16 + payload) announced by the header at {@code offset}, read
     * without consuming; the caller has checked that at least 8 bytes are there.
     */
    public static long announcedSize(ByteBuf in, int offset) {
        return 8L + in.getUnsignedInt(offset + LENGTH_OFFSET);
    }

    /**
     * Decodes one message from the readable bytes of {@code in}, which must be all the bytes that
     * may belong to it (the rest of a datagram, or one TCP frame). On success the reader index
     * moves past the message and the payload is a retained slice of {@code in}.
     *
     * <p>On {@link WireError#UNKNOWN_MESSAGE_TYPE} the reader index moves past the message, since
     * its length is sound and what follows can still be read. On any other error nothing after
     * the reader index can be trusted and it is left unchanged.
     */
    public static SomeIpMessage decode(ByteBuf in) throws WireFormatException {
        int start = in.readerIndex();
        int available = in.readableBytes();
        if (available < HEADER_SIZE) {
            throw new WireFormatException(WireError.TRUNCATED_HEADER,
                    available + " bytes where a 16-byte header should start");
        }
        long length = in.getUnsignedInt(start + LENGTH_OFFSET);
        if (length < LENGTH_COVERED_HEADER) {
            throw new WireFormatException(WireError.LENGTH_TOO_SMALL, "length field " + length + " < 8");
        }
        long total = 8 + length;
        if (total > available) {
            throw new WireFormatException(WireError.LENGTH_BEYOND_DATAGRAM,
                    "length field " + length + " needs " + total + " bytes, only " + available + " remain");
        }
        int typeValue = in.getUnsignedByte(start + MESSAGE_TYPE_OFFSET);
        MessageType type = MessageType.fromValue(typeValue);
        if (type == null) {
            in.skipBytes((int) total);
            throw new WireFormatException(WireError.UNKNOWN_MESSAGE_TYPE,
                    String.format("message type 0x%02X", typeValue));
        }
        int serviceId = in.getUnsignedShort(start);
        int methodId = in.getUnsignedShort(start + 2);
        int clientId = in.getUnsignedShort(start + 8);
        int sessionId = in.getUnsignedShort(start + 10);
        int protocolVersion = in.getUnsignedByte(start + 12);
        int interfaceVersion = in.getUnsignedByte(start + 13);
        int returnCode = in.getUnsignedByte(start + 15);
        ByteBuf payload = in.retainedSlice(start + HEADER_SIZE, (int) (length - LENGTH_COVERED_HEADER));
        in.skipBytes((int) total);
        return new SomeIpMessage(serviceId, methodId, clientId, sessionId, protocolVersion, interfaceVersion, type,
                returnCode, payload);
    }
}
