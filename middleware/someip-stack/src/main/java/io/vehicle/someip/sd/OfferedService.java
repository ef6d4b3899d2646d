package io.vehicle.someip.sd;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.List;

/**
 * What a server offers: ids, versions, the endpoints its methods and events use (UDP, TCP or both)
 * and its eventgroups.
 */
public record OfferedService(int serviceId, int instanceId, int majorVersion, int minorVersion,
                             InetSocketAddress udp, InetSocketAddress tcp, Map<Integer, EventgroupConfig> eventgroups) {

    public OfferedService {
        if (udp == null && tcp == null) {
            throw new IllegalArgumentException("an offer needs a UDP or a TCP endpoint");
        }
        eventgroups = Map.copyOf(eventgroups);
    }

    public static OfferedService of(int serviceId, int instanceId, int majorVersion, int minorVersion,
                                    InetSocketAddress udp, InetSocketAddress tcp, List<EventgroupConfig> groups) {
        return new OfferedService(serviceId, instanceId, majorVersion, minorVersion, udp, tcp,
                groups.stream().collect(Collectors.toMap(EventgroupConfig::eventgroupId, Function.identity())));
    }

    public ServiceInstance instance() {
        return new ServiceInstance(serviceId, instanceId);
    }
}
