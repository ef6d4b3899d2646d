package io.vehicle.bridge.auth;

import java.time.Instant;

/**
 * Who is calling, from a verified token (or the configuration, with authorization off), and what it may do.
 *
 * @param subject  the token's {@code sub}
 * @param clientId the token's {@code client_id}; empty when absent
 * @param expires  when the token expires; null with authorization off
 */
public record Identity(String subject, String clientId, Scopes scopes, Instant expires) {

    /** The name write policies know the caller by: its client id, else its subject. */
    public String writer() {
        return clientId == null || clientId.isEmpty() ? subject : clientId;
    }

    public boolean may(Scopes.Action action, String path) {
        return scopes.allows(action, path);
    }

    @Override
    public String toString() {
        return writer();
    }
}
