package io.vehicle.someip.sd;

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
    /** Eventgroup id to its subscribers, in subscription order, with the time each one expires. */
    private final Map<Integer, Map<Subscriber, Long>> groups = new HashMap<>();
    private int size;

    SubscriberTable(OfferedService service, SubscriberListener listener) {
        this.service = service;
        this.listener = listener;
    }

    List<Subscriber> of(int eventgroupId) {
        Map<Subscriber, Long> members = groups.get(eventgroupId);
        return members == null ? List.of() : List.copyOf(members.keySet());
    }

    /** Whether {@code subscriber} is in the eventgroup already (a renewal); opens the group's row. */
    boolean contains(int eventgroupId, Subscriber subscriber) {
        return members(eventgroupId).containsKey(subscriber);
    }

    /** Adds or renews {@code subscriber}; {@code expiresAt} is Long.MAX_VALUE for "until the next reboot". */
    void put(int eventgroupId, Subscriber subscriber, long expiresAt) {
        if (members(eventgroupId).put(subscriber, expiresAt) == null) {
            size++;
        }
    }

    /** Subscribers of one eventgroup. */
    int count(int eventgroupId) {
        Map<Subscriber, Long> members = groups.get(eventgroupId);
        return members == null ? 0 : members.size();
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
        Map<Subscriber, Long> members = groups.get(eventgroupId);
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
        groups.forEach((group, members) -> drop(group, members, e -> e.getValue() <= now));
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

    private Map<Subscriber, Long> members(int eventgroupId) {
        return groups.computeIfAbsent(eventgroupId, g -> new LinkedHashMap<>());
    }

    private int drop(int eventgroupId, Map<Subscriber, Long> members, Predicate<Map.Entry<Subscriber, Long>> which) {
        int dropped = 0;
        for (Iterator<Map.Entry<Subscriber, Long>> it = members.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Subscriber, Long> e = it.next();
            if (which.test(e)) {
                it.remove();
                size--;
                dropped++;
                listener.unsubscribed(service, eventgroupId, e.getKey());
            }
        }
        return dropped;
    }
}
