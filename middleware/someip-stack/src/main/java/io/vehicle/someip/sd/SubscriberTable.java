package io.vehicle.someip.sd;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Who subscribed to the eventgroups of one offered instance, and until when. Every subscriber that
 * leaves the table (StopSubscribe, replaced, expired, its node rebooted, the offer stopped) is told
 * to the offer's {@link SubscriberListener}. Thread-confined to the SD scheduler.
 *
 * <p>An eventgroup's row, once a subscription to it was considered, stays until the offer ends;
 * while the table has rows, the sweep keeps watching it.
 */
final class SubscriberTable {

    private final OfferedService service;
    private final SubscriberListener listener;
    /** Eventgroup id to its subscribers, in subscription order, with when each one came and expires. */
    private final Map<Integer, Map<Subscriber, Slot>> groups = new HashMap<>();
    private int size;

    SubscriberTable(OfferedService service, SubscriberListener listener) {
        this.service = service;
        this.listener = listener;
    }

    List<Subscriber> of(int eventgroupId) {
        Map<Subscriber, Slot> members = groups.get(eventgroupId);
        return members == null ? List.of() : List.copyOf(members.keySet());
    }

    /** Whether {@code subscriber} is in the eventgroup already (a renewal); opens the group's row. */
    boolean contains(int eventgroupId, Subscriber subscriber) {
        return members(eventgroupId).containsKey(subscriber);
    }

    /**
     * Adds or renews {@code subscriber}; {@code expiresAt} is Long.MAX_VALUE for "until the next
     * reboot", {@code order} rises with each new subscriber of the node (a renewal keeps its first).
     */
    void put(int eventgroupId, Subscriber subscriber, long expiresAt, long order) {
        Slot slot = members(eventgroupId).get(subscriber);
        if (slot == null) {
            members(eventgroupId).put(subscriber, new Slot(order, expiresAt));
            size++;
        } else {
            slot.expiresAt = expiresAt;
        }
    }

    /** Subscribers of one eventgroup. */
    int count(int eventgroupId) {
        Map<Subscriber, Slot> members = groups.get(eventgroupId);
        return members == null ? 0 : members.size();
    }

    /** Adds to {@code into} how many subscribers each SD host (address, any port) holds, in one eventgroup or (null) all. */
    void countHosts(Integer eventgroupId, Map<InetAddress, Integer> into) {
        groups.forEach((group, members) -> {
            if (eventgroupId == null || eventgroupId.equals(group)) {
                members.keySet().forEach(s -> into.merge(s.sdPeer().getAddress(), 1, Integer::sum));
            }
        });
    }

    /** The subscriber of {@code host} that came first, in one eventgroup or (null) all; null when it holds none. */
    HeldSlot oldestOf(InetAddress host, Integer eventgroupId) {
        HeldSlot oldest = null;
        for (Map.Entry<Integer, Map<Subscriber, Slot>> group : groups.entrySet()) {
            if (eventgroupId != null && !eventgroupId.equals(group.getKey())) {
                continue;
            }
            for (Map.Entry<Subscriber, Slot> e : group.getValue().entrySet()) {
                if (e.getKey().sdPeer().getAddress().equals(host)
                        && (oldest == null || e.getValue().order < oldest.order())) {
                    oldest = new HeldSlot(group.getKey(), e.getKey(), e.getValue().order);
                    break; // members are in subscription order: the first of the host is its oldest here
                }
            }
        }
        return oldest;
    }

    /** Drops one subscriber, to make room for another. */
    void evict(HeldSlot slot) {
        Map<Subscriber, Slot> members = groups.get(slot.eventgroupId());
        if (members != null) {
            drop(slot.eventgroupId(), members, e -> e.getKey().equals(slot.subscriber()));
        }
    }

    /** Subscribers over all eventgroups. */
    int size() {
        return size;
    }

    /**
     * Drops what {@code peer} subscribed to one eventgroup (StopSubscribe, or replaced by new
     * endpoints); returns how many subscribers left.
     */
    int dropFrom(InetSocketAddress peer, int eventgroupId) {
        Map<Subscriber, Slot> members = groups.get(eventgroupId);
        return members == null ? 0 : drop(eventgroupId, members, e -> e.getKey().sdPeer().equals(peer));
    }

    /** Drops every subscriber whose UDP events go to {@code endpoint} (found unreachable). */
    void dropSendingTo(InetSocketAddress endpoint) {
        groups.forEach((group, members) -> drop(group, members, e -> endpoint.equals(e.getKey().udp())));
    }

    /** Adds the SD addresses of every subscriber. */
    void peers(java.util.Set<InetSocketAddress> into) {
        groups.values().forEach(members -> members.keySet().forEach(s -> into.add(s.sdPeer())));
    }

    /** Drops everything {@code peer} subscribed to. */
    void dropFrom(InetSocketAddress peer) {
        groups.forEach((group, members) -> drop(group, members, e -> e.getKey().sdPeer().equals(peer)));
    }

    /** Drops the subscribers whose TTL ran out by {@code now} (feat_req_someipsd_445). */
    void expire(long now) {
        groups.forEach((group, members) -> drop(group, members, e -> e.getValue().expiresAt <= now));
    }

    /** Drops every subscriber: the offer ends (feat_req_someipsd_830). */
    void dropAll() {
        groups.forEach((group, members) -> members.keySet().forEach(s -> listener.unsubscribed(service, group, s)));
        groups.clear();
        size = 0;
    }

    /** Whether the sweep must keep watching this table. */
    boolean watching() {
        return !groups.isEmpty();
    }

    private Map<Subscriber, Slot> members(int eventgroupId) {
        return groups.computeIfAbsent(eventgroupId, g -> new LinkedHashMap<>());
    }

    private int drop(int eventgroupId, Map<Subscriber, Slot> members, Predicate<Map.Entry<Subscriber, Slot>> which) {
        int dropped = 0;
        for (Iterator<Map.Entry<Subscriber, Slot>> it = members.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Subscriber, Slot> e = it.next();
            if (which.test(e)) {
                it.remove();
                size--;
                dropped++;
                listener.unsubscribed(service, eventgroupId, e.getKey());
            }
        }
        return dropped;
    }

    /** When a subscriber came (the node's subscription order) and when it expires. */
    private static final class Slot {
        final long order;
        long expiresAt;

        Slot(long order, long expiresAt) {
            this.order = order;
            this.expiresAt = expiresAt;
        }
    }

    /** One subscriber of one eventgroup, with when it came. */
    record HeldSlot(int eventgroupId, Subscriber subscriber, long order) {
    }
}
