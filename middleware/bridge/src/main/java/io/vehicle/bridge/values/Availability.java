package io.vehicle.bridge.values;

/** Whether a signal has a current value, as the bridge can tell from SD and the ECU's notifications. */
public enum Availability {
    /** Its ECU offers the service and a value has arrived since it came up. */
    AVAILABLE,
    /** Its ECU does not offer the service: never seen, stopped offering, offer expired, rebooted and not back. */
    UNAVAILABLE,
    /** The service is offered, but no value has arrived yet. */
    NOT_YET_RECEIVED
}
