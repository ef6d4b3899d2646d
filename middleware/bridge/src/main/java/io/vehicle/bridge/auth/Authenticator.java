package io.vehicle.bridge.auth;

import java.util.Locale;

/**
 * Turns a call's {@code authorization} header into an {@link Identity}. With authorization on (the default)
 * a call needs a valid bearer token; off (the demo), every call is the configured writer with every scope,
 * and the write policy is the only guard left.
 */
public final class Authenticator {

    private final TokenVerifier verifier;
    private final Identity anonymous;

    private Authenticator(TokenVerifier verifier, Identity anonymous) {
        this.verifier = verifier;
        this.anonymous = anonymous;
    }

    public static Authenticator enabled(TokenVerifier verifier) {
        return new Authenticator(verifier, null);
    }

    /** Authorization off: every caller is {@code writer}, with every scope. */
    public static Authenticator disabled(String writer) {
        return new Authenticator(null, new Identity(writer, "", Scopes.all(), null));
    }

    public boolean isEnabled() {
        return verifier != null;
    }

    /** @param header the value of the {@code authorization} header, or null */
    public Identity authenticate(String header) throws AuthenticationException {
        if (verifier == null) {
            return anonymous;
        }
        if (header == null || header.isBlank()) {
            throw new AuthenticationException("no token: send 'authorization: Bearer <JWT>'");
        }
        String trimmed = header.strip();
        if (trimmed.length() < 7 || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw new AuthenticationException("the authorization header must be 'Bearer <JWT>'");
        }
        return verifier.verify(trimmed.substring(7).strip());
    }
}
