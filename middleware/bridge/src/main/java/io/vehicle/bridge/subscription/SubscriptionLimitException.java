package io.vehicle.bridge.subscription;

/** The bridge holds as many subscriptions as it is configured to; a new one is refused. */
public final class SubscriptionLimitException extends RuntimeException {

    public SubscriptionLimitException(String message) {
        super(message);
    }
}
