package io.vehicle.bridge.grpc;

import io.vehicle.bridge.subscription.SubscriptionHub;
import io.vehicle.bridge.values.EcuAvailability;
import io.vehicle.bridge.values.LiveValues;
import io.vehicle.bridge.values.SignalIds;
import io.vehicle.bridge.values.ValueFeed;
import io.vehicle.bridge.write.WriteGate;

/**
 * What every gRPC API of the bridge serves from: the live values, subscriptions, the write gate.
 *
 * @param feed          the subscriptions behind the live values, and getter reads through them
 * @param queueCapacity the most updates that may wait for one subscriber
 * @param maxBatch      the most updates in one subscription response
 */
public record ApiContext(GrpcCalls calls, SignalQuery query, LiveValues values, ValueFeed feed, SignalIds ids,
                         SubscriptionHub hub, WriteGate gate, EcuAvailability availability, int queueCapacity,
                         int maxBatch) {
}
