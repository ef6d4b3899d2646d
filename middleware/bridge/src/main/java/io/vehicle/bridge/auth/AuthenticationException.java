package io.vehicle.bridge.auth;

/** A call without a usable token: missing, malformed, wrongly signed, expired or not yet valid. */
public final class AuthenticationException extends Exception {

    public AuthenticationException(String message) {
        super(message);
    }
}
