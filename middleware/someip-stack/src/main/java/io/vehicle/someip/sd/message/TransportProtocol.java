package io.vehicle.someip.sd.message;

/** The L4-Proto byte of endpoint options, IANA protocol numbers (feat_req_someipsd_129). */
public enum TransportProtocol {
    TCP(0x06),
    UDP(0x11);

    private final int value;

    TransportProtocol(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The protocol for a wire value, or null when it is neither TCP nor UDP. */
    public static TransportProtocol fromValue(int value) {
        return value == 0x06 ? TCP : value == 0x11 ? UDP : null;
    }
}
