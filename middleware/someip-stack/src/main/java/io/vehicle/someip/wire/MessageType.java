package io.vehicle.someip.wire;

/**
 * SOME/IP message types (feat_req_someip_95). The TP flag (0x20, feat_req_someip_761) marks a
 * segment of a message that SOME/IP-TP split; {@link #withoutTp()} gives the type of the whole.
 */
public enum MessageType {
    REQUEST(0x00),
    REQUEST_NO_RETURN(0x01),
    NOTIFICATION(0x02),
    RESPONSE(0x80),
    ERROR(0x81),
    TP_REQUEST(0x20),
    TP_REQUEST_NO_RETURN(0x21),
    TP_NOTIFICATION(0x22),
    TP_RESPONSE(0xA0),
    TP_ERROR(0xA1);

    public static final int TP_FLAG = 0x20;

    private static final MessageType[] BY_VALUE = new MessageType[256];

    static {
        for (MessageType type : values()) {
            BY_VALUE[type.value] = type;
        }
    }

    private final int value;

    MessageType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The type for a wire value, or null when the value is not a SOME/IP message type. */
    public static MessageType fromValue(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }

    public boolean isTp() {
        return (value & TP_FLAG) != 0;
    }

    public MessageType withoutTp() {
        return isTp() ? fromValue(value & ~TP_FLAG) : this;
    }

    public MessageType withTp() {
        return isTp() ? this : fromValue(value | TP_FLAG);
    }

    /** Requests and fire-and-forget requests are addressed to a server's method. */
    public boolean isRequest() {
        MessageType base = withoutTp();
        return base == REQUEST || base == REQUEST_NO_RETURN;
    }

    /** Responses and errors answer a REQUEST and are matched to it by request id. */
    public boolean isResponse() {
        MessageType base = withoutTp();
        return base == RESPONSE || base == ERROR;
    }

    /** feat_req_someip_655: no response and no error is ever sent for these. */
    public boolean expectsNoAnswer() {
        MessageType base = withoutTp();
        return base == REQUEST_NO_RETURN || base == NOTIFICATION || base == RESPONSE || base == ERROR;
    }
}
