package io.vehicle.bridge.write;

/**
 * How an ECU refused a write: the SOME/IP return code of its answer and, for service-specific codes
 * (0x20 and up), the application error's name and meaning when the IDL declares them.
 *
 * @param applicationError the return code when it is service specific (0x20..0x5E), else 0
 */
public record EcuError(int returnCode, String returnCodeName, int applicationError, String message) {

    @Override
    public String toString() {
        return String.format("0x%02X %s: %s", returnCode, returnCodeName, message);
    }
}
