package io.vehicle.someip.sd;

/** The server side of eventgroups: who subscribes, and whether to accept. */
public interface SubscriberListener {

    /**
     * A subscription arrived (new, or a renewal when {@code renewal}); return false to answer with a
     * Nack. A new subscriber of an eventgroup with fields is sent their current values (initial events).
     */
    boolean subscribed(OfferedService service, int eventgroupId, Subscriber subscriber, boolean renewal);

    /** The subscriber left (StopSubscribe), expired, or its node rebooted. */
    void unsubscribed(OfferedService service, int eventgroupId, Subscriber subscriber);

    SubscriberListener ACCEPT_ALL = new SubscriberListener() {
        @Override
        public boolean subscribed(OfferedService service, int eventgroupId, Subscriber subscriber, boolean renewal) {
            return true;
        }

        @Override
        public void unsubscribed(OfferedService service, int eventgroupId, Subscriber subscriber) {
        }
    };
}
