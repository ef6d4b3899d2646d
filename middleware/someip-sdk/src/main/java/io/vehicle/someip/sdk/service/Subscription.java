package io.vehicle.someip.sdk.service;

import java.util.concurrent.CompletableFuture;

/**
 * A listener of an event or field notifier and, through it, a subscription to the eventgroup the
 * event belongs to. The subscription follows the service across restarts (SD subscribes again on
 * every offer) until it is closed; when the last open subscription of an eventgroup closes, the
 * proxy sends StopSubscribeEventgroup (feat_req_someipsd_332).
 */
public interface Subscription extends Registration {

    /**
     * Completes when the provider acknowledged the eventgroup subscription (SubscribeEventgroupAck;
     * at once if it already had), so events published from then on reach the listener. Fails with
     * {@link SubscriptionRefusedException} on a SubscribeEventgroupNack, with
     * {@link SubscriptionTimeoutException} when no answer came within the proxy's subscription
     * timeout ({@link ProxyOptions#subscriptionTimeout()}); it is cancelled when the subscription is
     * closed first, and fails with IllegalStateException when its proxy closes first. It reports the first answer only: after a refusal or a
     * timeout the subscription stays in place, and events flow if the provider acknowledges later.
     */
    CompletableFuture<Void> acknowledged();
}
