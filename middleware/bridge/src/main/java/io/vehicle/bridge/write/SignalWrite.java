package io.vehicle.bridge.write;

/**
 * One signal and the value a client asks for.
 *
 * @param value the client's value as plain Java (see KuksaValues.fromClient); null when it sent none
 */
public record SignalWrite(String path, Object value) {
}
