package io.vehicle.assistant.intent;

import java.util.Objects;

/**
 * One signal write an engine proposes; the gateway still checks it against the policy.
 *
 * @param path   VSS path of a writable catalog signal
 * @param value  a {@link Double}, {@link Long}, {@link Boolean} or, for enumerations, the allowed value's name
 * @param reason why the engine proposes it, one short line for the audit log
 */
public record ProposedAction(String path, Object value, String reason) {

    public ProposedAction {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        if (!(value instanceof Double || value instanceof Long || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("value of " + path + " must be Double, Long, Boolean or String, not "
                    + value.getClass().getSimpleName());
        }
    }
}
