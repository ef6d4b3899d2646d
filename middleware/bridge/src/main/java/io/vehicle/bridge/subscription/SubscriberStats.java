package io.vehicle.bridge.subscription;

/**
 * What one subscriber's queue has seen, to show that a slow client stays bounded and costs nobody else.
 *
 * @param label      who subscribed how, e.g. "assistant vehicle.gateway.v1.Gateway/Subscribe"
 * @param offered    updates handed to the queue by the value flow
 * @param delivered  updates written to the client
 * @param dropped    updates dropped by back-pressure
 * @param pending    updates waiting now
 * @param maxPending the most that ever waited
 * @param capacity   the queue's bound
 */
public record SubscriberStats(String label, long offered, long delivered, long dropped, int pending, int maxPending, int capacity) {
}
