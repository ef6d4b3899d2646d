package io.vehicle.someip.sd;

import java.net.InetSocketAddress;

/**
 * A client subscribed to one of our eventgroups: where its events go (the endpoint options of its
 * SubscribeEventgroup, UDP and/or TCP) and the SD address it subscribed from.
 */
public record Subscriber(InetSocketAddress udp, InetSocketAddress tcp, InetSocketAddress sdPeer) {
}
