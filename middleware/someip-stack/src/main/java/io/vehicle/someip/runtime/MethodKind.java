package io.vehicle.someip.runtime;

/** How a method is called: with a response (REQUEST) or fire and forget (REQUEST_NO_RETURN). */
public enum MethodKind {
    REQUEST_RESPONSE,
    FIRE_AND_FORGET
}
