package io.vehicle.someip.sd;

import java.net.InetSocketAddress;

/**
 * An eventgroup a server offers. With a multicast address, events go to that group once
 * (announced in the Ack's IPv4 Multicast Option, feat_req_someipsd_763) instead of to each subscriber.
 */
public record EventgroupConfig(int eventgroupId, InetSocketAddress multicast) {

    public static EventgroupConfig unicast(int eventgroupId) {
        return new EventgroupConfig(eventgroupId, null);
    }
}
