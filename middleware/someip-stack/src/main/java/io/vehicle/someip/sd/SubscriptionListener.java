package io.vehicle.someip.sd;

import java.net.InetSocketAddress;

/** Told what becomes of a client's eventgroup subscription. */
public interface SubscriptionListener {

    /** The server acknowledged; {@code multicast} is where its events arrive, or null for unicast. */
    void acked(RemoteService service, InetSocketAddress multicast);

    /** The server refused the subscription (SubscribeEventgroupNack). */
    void nacked(RemoteService service);
}
