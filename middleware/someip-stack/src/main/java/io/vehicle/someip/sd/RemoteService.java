package io.vehicle.someip.sd;

import java.net.InetSocketAddress;

/** A service instance another node offers, as its last OfferService described it. */
public record RemoteService(int serviceId, int instanceId, int majorVersion, int minorVersion,
                            InetSocketAddress udp, InetSocketAddress tcp, InetSocketAddress sdPeer) {

    public ServiceInstance instance() {
        return new ServiceInstance(serviceId, instanceId);
    }
}
