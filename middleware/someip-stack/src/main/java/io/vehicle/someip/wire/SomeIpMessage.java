package io.vehicle.someip.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;

/**
 * One SOME/IP message: the 16-byte header (feat_req_someip_45) and its payload. The Length field
 * is not stored; it is always derived from the payload (feat_req_someip_77: it covers the bytes
 * from the Request ID to the end of the payload). For a SOME/IP-TP segment the payload starts with
 * the 4-byte TP header; the tp package reads and writes it.
 *
 * <p>The payload is reference counted: whoever holds the message last releases it.
 */
public final class SomeIpMessage extends DefaultByteBufHolder {

    /** feat_req_someip_90: the only protocol version this stack speaks. */
    public static final int PROTOCOL_VERSION = 0x01;

    private final int serviceId;
    private final int methodId;
    private final int clientId;
    private final int sessionId;
    private final int protocolVersion;
    private final int interfaceVersion;
    private final MessageType messageType;
    private final int returnCode;

    public SomeIpMessage(int serviceId, int methodId, int clientId, int sessionId, int protocolVersion,
                         int interfaceVersion, MessageType messageType, int returnCode, ByteBuf payload) {
        super(payload);
        this.serviceId = checkU16(serviceId, "service id");
        this.methodId = checkU16(methodId, "method id");
        this.clientId = checkU16(clientId, "client id");
        this.sessionId = checkU16(sessionId, "session id");
        this.protocolVersion = checkU8(protocolVersion, "protocol version");
        this.interfaceVersion = checkU8(interfaceVersion, "interface version");
        if (messageType == null) {
            throw new IllegalArgumentException("message type is required");
        }
        this.messageType = messageType;
        this.returnCode = checkU8(returnCode, "return code");
    }

    /** Starts a message with protocol version 1, interface version 0, client and session 0, E_OK. */
    public static Builder builder(int serviceId, int methodId, MessageType type) {
        return new Builder(serviceId, methodId, type);
    }

    public int serviceId() {
        return serviceId;
    }

    public int methodId() {
        return methodId;
    }

    /** feat_req_someip_60: the 32-bit Message ID. */
    public int messageId() {
        return serviceId << 16 | methodId;
    }

    public int clientId() {
        return clientId;
    }

    public int sessionId() {
        return sessionId;
    }

    /** feat_req_someip_83: the 32-bit Request ID. */
    public int requestId() {
        return clientId << 16 | sessionId;
    }

    public int protocolVersion() {
        return protocolVersion;
    }

    public int interfaceVersion() {
        return interfaceVersion;
    }

    public MessageType messageType() {
        return messageType;
    }

    public int returnCode() {
        return returnCode;
    }

    public ByteBuf payload() {
        return content();
    }

    /** The header's Length field: 8 bytes of header after Length, plus the payload. */
    public long length() {
        return 8L + content().readableBytes();
    }

    /** feat_req_someip_67: method ids with the highest bit set are events and notifications. */
    public boolean isEventId() {
        return (methodId & 0x8000) != 0;
    }

    /**
     * An answer to this request: same message id, request id and interface version
     * (feat_req_someip_49, feat_req_someip_338), owning the given payload.
     */
    public SomeIpMessage reply(MessageType type, int code, ByteBuf replyPayload) {
        return new SomeIpMessage(serviceId, methodId, clientId, sessionId, PROTOCOL_VERSION, interfaceVersion,
                type, code, replyPayload);
    }

    /** An ERROR (or RESPONSE for E_OK) with an empty payload, answering this request. */
    public SomeIpMessage errorReply(ReturnCode code) {
        return reply(code == ReturnCode.E_OK ? MessageType.RESPONSE : MessageType.ERROR, code.value(),
                Unpooled.EMPTY_BUFFER);
    }

    /** The same header with another payload (which the new message owns). */
    public SomeIpMessage withPayload(MessageType type, ByteBuf newPayload) {
        return new SomeIpMessage(serviceId, methodId, clientId, sessionId, protocolVersion, interfaceVersion, type,
                returnCode, newPayload);
    }

    /** The same header with another request id, sharing (not retaining) this payload. */
    public SomeIpMessage withRequestId(int newClientId, int newSessionId) {
        return new SomeIpMessage(serviceId, methodId, newClientId, newSessionId, protocolVersion, interfaceVersion,
                messageType, returnCode, content());
    }

    @Override
    public SomeIpMessage replace(ByteBuf content) {
        return withPayload(messageType, content);
    }

    @Override
    public SomeIpMessage retain() {
        super.retain();
        return this;
    }

    @Override
    public SomeIpMessage retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public SomeIpMessage retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public SomeIpMessage touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return String.format("SomeIpMessage[service=0x%04X method=0x%04X client=0x%04X session=0x%04X proto=%d "
                        + "iface=%d type=%s rc=%s payload=%dB]", serviceId, methodId, clientId, sessionId,
                protocolVersion, interfaceVersion, messageType, ReturnCode.describe(returnCode),
                refCnt() > 0 ? content().readableBytes() : -1);
    }

    private static int checkU16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of range 0..0xFFFF: " + value);
        }
        return value;
    }

    private static int checkU8(int value, String what) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(what + " out of range 0..0xFF: " + value);
        }
        return value;
    }

    /** Builds a message field by field; the payload defaults to empty. */
    public static final class Builder {
        private final int serviceId;
        private final int methodId;
        private final MessageType type;
        private int clientId;
        private int sessionId;
        private int protocolVersion = PROTOCOL_VERSION;
        private int interfaceVersion;
        private int returnCode = ReturnCode.E_OK.value();
        private ByteBuf payload = Unpooled.EMPTY_BUFFER;

        private Builder(int serviceId, int methodId, MessageType type) {
            this.serviceId = serviceId;
            this.methodId = methodId;
            this.type = type;
        }

        public Builder clientId(int value) {
            clientId = value;
            return this;
        }

        public Builder sessionId(int value) {
            sessionId = value;
            return this;
        }

        public Builder protocolVersion(int value) {
            protocolVersion = value;
            return this;
        }

        public Builder interfaceVersion(int value) {
            interfaceVersion = value;
            return this;
        }

        public Builder returnCode(int value) {
            returnCode = value;
            return this;
        }

        public Builder returnCode(ReturnCode value) {
            returnCode = value.value();
            return this;
        }

        /** The message takes ownership of the buffer. */
        public Builder payload(ByteBuf value) {
            payload = value;
            return this;
        }

        public SomeIpMessage build() {
            return new SomeIpMessage(serviceId, methodId, clientId, sessionId, protocolVersion, interfaceVersion,
                    type, returnCode, payload);
        }
    }
}
