package io.vehicle.someip.sdk.signal;

/** A signal path that no service of the registry carries. */
public final class UnknownSignalException extends IllegalArgumentException {

    private final String path;

    public UnknownSignalException(String path) {
        this(path, "unknown signal " + path);
    }

    public UnknownSignalException(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
