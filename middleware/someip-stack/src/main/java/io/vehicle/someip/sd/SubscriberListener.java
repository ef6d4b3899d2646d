package io.vehicle.someip.sd;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The server side of eventgroups: whether to accept a subscription, and who is subscribed. */
public interface SubscriberListener {

    /**
     * Decides a new subscription before it is answered: false answers with a Nack
     * (feat_req_someipsd_1137). Renewals are not asked again.
     */
    default boolean accept(OfferedService service, int eventgroupId, Subscriber subscriber) {
        return true;
    }

    /** What {@link #subscribed} returns when the Ack may leave at once. */
    CompletionStage<Void> ACK_NOW = CompletableFuture.completedFuture(null);

    /**
     * A subscription is being acknowledged (new, or a renewal when {@code renewal}): called just
     * before the Ack goes out, so events published once the client has its Ack reach it. The Ack
     * leaves when the returned stage completes ({@link #ACK_NOW} at once): a server that must
     * prepare something for the subscriber first (a socket of its own) holds the Ack until then,
     * without holding SD.
     */
    CompletionStage<?> subscribed(OfferedService service, int eventgroupId, Subscriber subscriber, boolean renewal);

    /**
     * The Ack went out; {@code initialEvents} says whether the subscriber wants the current field
     * values now (a new subscription, or one that asked for initial data). They follow the Ack
     * (feat_req_someipsd_691).
     */
    default void acknowledged(OfferedService service, int eventgroupId, Subscriber subscriber,
                              boolean initialEvents) {
    }

    /** The subscriber left (StopSubscribe), expired, or its node rebooted. */
    void unsubscribed(OfferedService service, int eventgroupId, Subscriber subscriber);

    SubscriberListener ACCEPT_ALL = new SubscriberListener() {
        @Override
        public CompletionStage<?> subscribed(OfferedService service, int eventgroupId, Subscriber subscriber,
                                             boolean renewal) {
            return ACK_NOW;
        }

        @Override
        public void unsubscribed(OfferedService service, int eventgroupId, Subscriber subscriber) {
        }
    };
}
