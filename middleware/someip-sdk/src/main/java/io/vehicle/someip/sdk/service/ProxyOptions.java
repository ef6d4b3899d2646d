package io.vehicle.someip.sdk.service;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How a proxy treats the application: where its callbacks run and how long a subscription waits
 * for the provider's answer. A null component means "the node's default" (see
 * {@code NodeOptions}); the node's own defaults are one callback thread per node and
 * {@link #DEFAULT_SUBSCRIPTION_TIMEOUT}.
 *
 * @param callbackExecutor    runs event, field and availability listeners and completes the proxy's
 *                            futures. The proxy hands it one callback at a time, in order, so a
 *                            thread pool keeps each proxy's event order. {@link #DIRECT} runs them on
 *                            the Netty I/O thread that received the message, without a hop: only for
 *                            listeners that never block (a bridge's hot path)
 * @param subscriptionTimeout how long {@link Subscription#acknowledged()} waits for an Ack or Nack
 */
public record ProxyOptions(Executor callbackExecutor, Duration subscriptionTimeout) {

    public static final Duration DEFAULT_SUBSCRIPTION_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Callbacks on the I/O thread: an explicit opt-in, for listeners that return at once. Such a
     * listener must not block, and must not close its proxy or node (closing waits for sockets).
     */
    public static final Executor DIRECT = new Executor() {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public String toString() {
            return "direct (on the I/O thread)";
        }
    };

    public ProxyOptions {
        if (subscriptionTimeout != null && (subscriptionTimeout.isNegative() || subscriptionTimeout.isZero())) {
            throw new IllegalArgumentException("subscription timeout must be positive: " + subscriptionTimeout);
        }
    }

    /** Everything as the node says. */
    public static ProxyOptions defaults() {
        return new ProxyOptions(null, null);
    }

    public ProxyOptions withCallbackExecutor(Executor executor) {
        return new ProxyOptions(executor, subscriptionTimeout);
    }

    /** Callbacks on the I/O thread ({@link #DIRECT}). */
    public ProxyOptions withDirectCallbacks() {
        return withCallbackExecutor(DIRECT);
    }

    public ProxyOptions withSubscriptionTimeout(Duration timeout) {
        return new ProxyOptions(callbackExecutor, timeout);
    }

    /** These options, with what they leave open taken from {@code defaults}. */
    public ProxyOptions orElse(ProxyOptions defaults) {
        return new ProxyOptions(callbackExecutor != null ? callbackExecutor : defaults.callbackExecutor,
                subscriptionTimeout != null ? subscriptionTimeout : defaults.subscriptionTimeout);
    }
}
