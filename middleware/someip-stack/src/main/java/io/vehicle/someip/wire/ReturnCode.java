package io.vehicle.someip.wire;

/** SOME/IP return codes (feat_req_someip_144, feat_req_someip_371). 0x20..0x5E are service specific. */
public enum ReturnCode {
    E_OK(0x00),
    E_NOT_OK(0x01),
    E_UNKNOWN_SERVICE(0x02),
    E_UNKNOWN_METHOD(0x03),
    E_NOT_READY(0x04),
    E_NOT_REACHABLE(0x05),
    E_TIMEOUT(0x06),
    E_WRONG_PROTOCOL_VERSION(0x07),
    E_WRONG_INTERFACE_VERSION(0x08),
    E_MALFORMED_MESSAGE(0x09),
    E_WRONG_MESSAGE_TYPE(0x0A),
    E_E2E_REPEATED(0x0B),
    E_E2E_WRONG_SEQUENCE(0x0C),
    E_E2E(0x0D),
    E_E2E_NOT_AVAILABLE(0x0E),
    E_E2E_NO_NEW_DATA(0x0F);

    private static final ReturnCode[] BY_VALUE = new ReturnCode[0x10];

    static {
        for (ReturnCode code : values()) {
            BY_VALUE[code.value] = code;
        }
    }

    private final int value;

    ReturnCode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The standard code for a value, or null for reserved (0x10-0x1F) and service-specific (0x20-0x5E) codes. */
    public static ReturnCode fromValue(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }

    /** Describes any return code value, including reserved and service-specific ranges. */
    public static String describe(int value) {
        ReturnCode code = fromValue(value);
        if (code != null) {
            return code.name();
        }
        if (value >= 0x20 && value <= 0x5E) {
            return String.format("service-specific error 0x%02X", value);
        }
        return String.format("reserved return code 0x%02X", value);
    }
}
