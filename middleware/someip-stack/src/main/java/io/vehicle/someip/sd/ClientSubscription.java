package io.vehicle.someip.sd;

import io.vehicle.someip.sd.ServiceDiscovery.Endpoints;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * One eventgroup subscription of ours: the SubscribeEventgroup it sends to the instance that offers
 * it, whether the Initial Data Requested flag is set, the restart when an Ack is overdue, and what
 * the server answered. Thread-confined to the SD scheduler.
 */
final class ClientSubscription {

    /** A Subscribe unanswered this long is taken as lost when the next multicast offer comes. */
    static final long MISSING_ACK_AFTER_MS = 500;
    /**
     * An acknowledged Subscribe younger than this is fresh: an offer then needs no answer. Offers
     * of a Repetition Phase come tens of ms apart, cyclic offers of the Main Phase a second or more.
     */
    static final long FRESH_FOR_MS = MISSING_ACK_AFTER_MS;

    final ServiceSelector wanted;
    private final int eventgroupId;
    private final SubscriptionListener listener;
    private final Supplier<Endpoints> endpoints;
    private final SdOutbox outbox;
    private final SdTimings timings;
    /** The instance our last Subscribe went to; null while none is offered. */
    private RemoteService target;
    private Endpoints sentWith;
    private long lastSentAt;
    /** The server acknowledged a Subscribe of ours (the listener was told). */
    private boolean acked;
    /** An Ack arrived since the last Subscribe went out. */
    private boolean ackedSinceSend;

    ClientSubscription(ServiceSelector wanted, int eventgroupId, Supplier<Endpoints> endpoints,
                       SubscriptionListener listener, SdOutbox outbox, SdTimings timings) {
        this.wanted = wanted;
        this.eventgroupId = eventgroupId;
        this.endpoints = endpoints;
        this.listener = listener;
        this.outbox = outbox;
        this.timings = timings;
    }

    /** Whether this is the subscription to that eventgroup (any major version). */
    boolean is(int serviceId, int instanceId, int eventgroupId) {
        return wanted.serviceId() == serviceId && wanted.instanceId() == instanceId
                && this.eventgroupId == eventgroupId;
    }

    /** The instance our last Subscribe went to; null while none is offered. */
    RemoteService target() {
        return target;
    }

    /**
     * Whether half the TTL passed since the last Subscribe: renewed then, for servers without cyclic
     * offers (feat_req_someipsd_829).
     */
    boolean renewalDue(long now) {
        return target != null && now - lastSentAt >= timings.subscribeTtlSeconds() * 1000L / 2;
    }

    /** Whether this subscription went to that instance's eventgroup, from whichever provider. */
    boolean sentTo(int serviceId, int instanceId, int eventgroupId) {
        return target != null && target.serviceId() == serviceId && target.instanceId() == instanceId
                && this.eventgroupId == eventgroupId;
    }

    /** Whether an Ack or a Nack of {@code peer} about this eventgroup of that instance is for us. */
    boolean answeredBy(InetSocketAddress peer, int serviceId, int instanceId, int eventgroupId) {
        return target != null && target.sdPeer().equals(peer) && target.serviceId() == serviceId
                && target.instanceId() == instanceId && this.eventgroupId == eventgroupId;
    }

    /**
     * Sends (or renews) the subscription to {@code service} at {@code now}. {@code answersMulticastOffer}:
     * this Subscribe answers a multicast OfferService, the one case where a missing Ack is acted on.
     */
    void send(RemoteService service, boolean answersMulticastOffer, long now) {
        Endpoints where = endpoints.get();
        if (where == null) {
            return; // the client is not connected: it renews once it is
        }
        if (service.equals(target) && where.equals(sentWith) && ackedSinceSend && now - lastSentAt < FRESH_FOR_MS) {
            // The Subscribe that answered an earlier offer was acknowledged moments ago: it restarted
            // the renewal timer, so an offer of the Repetition Phase (or a reconnect) right after it
            // is not answered with an identical one (vsomeip 3.6.4 sends none either;
            // feat_req_someipsd_431 is met by answering the cyclic offers of the Main Phase).
            return;
        }
        // A Subscribe of ours to this very instance whose TTL still runs.
        boolean previousAlive = service.equals(target) && sentWith != null
                && now - lastSentAt < timings.subscribeTtlSeconds() * 1000L;
        if (answersMulticastOffer && previousAlive && !ackedSinceSend && now - lastSentAt >= MISSING_ACK_AFTER_MS) {
            // feat_req_someipsd_844, feat_req_someipsd_1178: no Ack since our last Subscribe, so
            // StopSubscribe and Subscribe again, next to each other in one message. Only once the
            // Ack is really overdue: in the Repetition Phase offers come tens of ms apart, a busy
            // server's Ack can trail them, and a premature restart makes it resend initial values.
            outbox.unicast(entry(service, sentWith, false).stop(), service.sdPeer());
            previousAlive = false;
        }
        target = service;
        sentWith = where;
        lastSentAt = now;
        ackedSinceSend = false;
        // feat_req_someipsd_1191, feat_req_someipsd_1192: ask for initial events only when no
        // earlier Subscribe of ours is still alive there.
        outbox.unicast(entry(service, where, !previousAlive), service.sdPeer());
    }

    /** Ends the subscription at its server, if it has one (feat_req_someipsd_1177). */
    void stop() {
        if (target != null) {
            outbox.unicast(entry(target, sentWith, false).stop(), target.sdPeer());
        }
    }

    /** An Ack: the listener hears of the first (feat_req_someipsd_613); {@code multicast} may be null. */
    void acked(InetSocketAddress multicast) {
        boolean first = !acked;
        acked = true;
        ackedSinceSend = true;
        if (first) {
            listener.acked(target, multicast);
        }
    }

    /** A Nack (feat_req_someipsd_618). */
    void nacked() {
        acked = false;
        listener.nacked(target);
    }

    /** The instance went away: nothing is subscribed until it is offered again. */
    void lost() {
        target = null;
        acked = false;
    }

    private SubscribeEventgroup entry(RemoteService service, Endpoints where, boolean initialDataRequested) {
        return new SubscribeEventgroup(service.serviceId(), service.instanceId(), service.majorVersion(),
                timings.subscribeTtlSeconds(), initialDataRequested, 0, eventgroupId,
                where == null ? List.of() : where.options(), List.of());
    }
}
