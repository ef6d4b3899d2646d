package io.vehicle.someip.sd;

/** The server side of eventgroups: whether to accept a subscription, and who is subscribed. */
public interface SubscriberListener {

    /**
     * Decides a new subscription before it is answered: false answers with a Nack
     * (feat_req_someipsd_1137). Renewals are not asked again.
     */
    default boolean accept(OfferedService service, int eventgroupId, Subscriber subscriber) {
        return true;
    }

    /**
     * A subscription was acknowledged (new, or a renewal when {@code renewal}). Called after the Ack
     * went out, so a new subscriber's initial field values follow the Ack (feat_req_someipsd_691).
     */
    void subscribed(OfferedService service, int eventgroupId, Subscriber subscriber, boolean renewal);

    /** The subscriber left (StopSubscribe), expired, or its node rebooted. */
    void unsubscribed(OfferedService service, int eventgroupId, Subscriber subscriber);

    SubscriberListener ACCEPT_ALL = new SubscriberListener() {
        @Override
        public void subscribed(OfferedService service, int eventgroupId, Subscriber subscriber, boolean renewal) {
        }

        @Override
        public void unsubscribed(OfferedService service, int eventgroupId, Subscriber subscriber) {
        }
    };
}
