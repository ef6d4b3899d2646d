package io.vehicle.someip.sdk.service;

import java.util.Set;

/**
 * An event of a service (feat_req_someip_354), or the notifier of a field (feat_req_someip_631):
 * its id (top bit set, feat_req_someip_67), the eventgroups it belongs to, and whether it goes over
 * TCP to subscribers that gave a TCP endpoint.
 */
public record EventDefinition(int eventId, Set<Integer> eventgroups, boolean reliable, boolean field) {

    public EventDefinition {
        if ((eventId & 0x8000) == 0 || eventId > 0xFFFF) {
            throw new IllegalArgumentException(String.format("0x%04X is not an event id (top bit must be set)", eventId));
        }
        if (eventgroups.isEmpty()) {
            throw new IllegalArgumentException(String.format("event 0x%04X belongs to no eventgroup", eventId));
        }
        eventgroups = Set.copyOf(eventgroups);
    }
}
