package io.vehicle.someip.sdk.service;

import io.vehicle.someip.sd.AvailabilityReason;
import io.netty.buffer.ByteBuf;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.runtime.MulticastEventReceiver;
import io.vehicle.someip.runtime.ServiceUnavailableException;
import io.vehicle.someip.sd.AvailabilityListener;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sd.ServiceDiscovery;
import io.vehicle.someip.sd.SubscriptionListener;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of one service instance, untyped: follows its availability through SD,
 * connects to the endpoints of its current offer, calls methods and receives the events of the
 * eventgroups it subscribed to. When the instance goes down, its connections close, pending calls
 * fail and new calls fail at once: nothing is ever written to a stale endpoint. When it comes back
 * (a restart, a link back up) the proxy reconnects and subscribes again by itself.
 */
public final class ServiceProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);

    private final SomeIpRuntime runtime;
    private final ServiceDiscovery discovery;
    private final int serviceId;
    private final int instanceId;
    private final int majorVersion;
    private final int clientId;
    private final java.net.InetAddress localAddress;
    private final EndpointOptions options;
    private final Set<Integer> eventgroups = ConcurrentHashMap.newKeySet();
    private final Map<Integer, List<Consumer<SomeIpMessage>>> eventListeners = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Void>> subscriptionAcks = new ConcurrentHashMap<>();
    private final List<Consumer<Boolean>> availabilityListeners = new CopyOnWriteArrayList<>();
    private final Map<InetSocketAddress, MulticastEventReceiver> multicastGroups = new ConcurrentHashMap<>();
    private final io.vehicle.someip.transport.InboundErrors multicastErrors =
            new io.vehicle.someip.transport.InboundErrors();
    private volatile Connection connection;
    private volatile CompletableFuture<RemoteService> nextAvailable = new CompletableFuture<>();
    private volatile boolean closed;

    /** The clients of one offer; replaced as a whole when the instance moves or comes back. */
    private record Connection(RemoteService service, SomeIpClient udp, SomeIpClient tcp) {
        void close() {
            if (udp != null) {
                udp.close();
            }
            if (tcp != null) {
                tcp.close();
            }
        }
    }

    /**
     * @param localAddress the node's unicast address: the proxy's sockets bind to it, so the
     *                     endpoints it subscribes with are reachable from the server
     */
    public ServiceProxy(SomeIpRuntime runtime, ServiceDiscovery discovery, int serviceId, int instanceId,
                        int majorVersion, int clientId, java.net.InetAddress localAddress, EndpointOptions options) {
        this.localAddress = localAddress;
        this.runtime = runtime;
        this.discovery = discovery;
        this.serviceId = serviceId;
        this.instanceId = instanceId;
        this.majorVersion = majorVersion;
        this.clientId = clientId;
        this.options = options;
        discovery.find(serviceId, instanceId, majorVersion, new Availability());
    }

    public boolean isAvailable() {
        return connection != null;
    }

    /** Completes when the instance is (next) available. */
    public CompletableFuture<RemoteService> whenAvailable() {
        Connection current = connection;
        return current != null ? CompletableFuture.completedFuture(current.service) : nextAvailable;
    }

    /** Told true when the instance comes up and false when it goes down. */
    public void onAvailability(Consumer<Boolean> listener) {
        availabilityListeners.add(listener);
    }

    /**
     * Calls a method (feat_req_someip_329) over TCP when {@code reliable} and the offer has a TCP
     * endpoint, else UDP. Takes ownership of the payload; the caller releases the response.
     */
    public CompletableFuture<SomeIpMessage> call(int methodId, ByteBuf payload, boolean reliable) {
        SomeIpClient client = clientFor(reliable);
        if (client == null) {
            payload.release();
            return CompletableFuture.failedFuture(unavailable());
        }
        return client.request(SomeIpMessage.builder(serviceId, methodId, MessageType.REQUEST)
                .interfaceVersion(majorVersion).payload(payload).build());
    }

    /** Fire and forget (feat_req_someip_345). Takes ownership of the payload. */
    public void fireAndForget(int methodId, ByteBuf payload, boolean reliable) {
        SomeIpClient client = clientFor(reliable);
        if (client == null) {
            payload.release();
            throw unavailable();
        }
        client.send(SomeIpMessage.builder(serviceId, methodId, MessageType.REQUEST_NO_RETURN)
                .interfaceVersion(majorVersion).payload(payload).build());
    }

    /**
     * Receives one event (or field notifier) of an eventgroup; subscribes to the eventgroup through
     * SD now and after every reconnect. The listener owns each message it is given. The future
     * completes when the provider first acknowledges the eventgroup subscription.
     */
    public CompletableFuture<Void> subscribe(int eventgroupId, int eventId, Consumer<SomeIpMessage> listener) {
        eventListeners.computeIfAbsent(eventId, id -> new CopyOnWriteArrayList<>()).add(listener);
        CompletableFuture<Void> acked = subscriptionAcks.computeIfAbsent(eventgroupId, g -> new CompletableFuture<>());
        if (eventgroups.add(eventgroupId)) {
            subscribeThroughSd(eventgroupId);
        }
        return acked;
    }

    public void unsubscribe(int eventgroupId) {
        if (eventgroups.remove(eventgroupId)) {
            discovery.unsubscribe(serviceId, instanceId, eventgroupId);
        }
    }

    private SomeIpClient clientFor(boolean reliable) {
        Connection current = connection;
        if (current == null) {
            return null;
        }
        if (reliable && current.tcp != null) {
            return current.tcp;
        }
        return current.udp != null ? current.udp : current.tcp;
    }

    private ServiceUnavailableException unavailable() {
        return new ServiceUnavailableException(String.format("service 0x%04X instance 0x%04X is not available",
                serviceId, instanceId));
    }

    private void subscribeThroughSd(int eventgroupId) {
        discovery.subscribe(serviceId, instanceId, majorVersion, eventgroupId, this::currentEndpoints,
                new SubscriptionListener() {
                    @Override
                    public void acked(RemoteService service, InetSocketAddress multicast) {
                        LOG.debug("Subscribed to eventgroup 0x{} of {}", Integer.toHexString(eventgroupId), service);
                        if (multicast != null) {
                            // Binding blocks: never on the SD event loop that calls us.
                            runtime.control().execute(() -> joinMulticast(multicast));
                        }
                        subscriptionAcks.computeIfAbsent(eventgroupId, g -> new CompletableFuture<>()).complete(null);
                    }

                    @Override
                    public void nacked(RemoteService service) {
                        LOG.warn("Eventgroup 0x{} of {} refused our subscription", Integer.toHexString(eventgroupId),
                                service);
                    }
                });
    }

    /** Starts receiving the events a server sends to a multicast group (feat_req_someip_812). */
    private void joinMulticast(InetSocketAddress group) {
        if (closed || multicastGroups.containsKey(group)) {
            return;
        }
        try {
            // Only events from the provider's own endpoint count (feat_req_someipsd_850).
            multicastGroups.put(group, new MulticastEventReceiver(runtime, group, localAddress, options,
                    multicastErrors, this::fromProvider, (message, peer, replier) -> {
                        if (message.messageType().withoutTp() == MessageType.NOTIFICATION) {
                            onEvent(message);
                        } else {
                            message.release();
                        }
                    }));
        } catch (RuntimeException e) {
            LOG.warn("Cannot join multicast group {} for events of service 0x{}: {}", group,
                    Integer.toHexString(serviceId), e.toString());
        }
    }

    private boolean fromProvider(InetSocketAddress source) {
        Connection current = connection;
        return current != null && source.equals(current.service.udp());
    }

    /** The endpoints of the current connection, or null while there is none (SD then sends nothing). */
    private ServiceDiscovery.Endpoints currentEndpoints() {
        Connection current = connection;
        if (current == null) {
            return null;
        }
        return new ServiceDiscovery.Endpoints(current.udp == null ? null : current.udp.localAddress(),
                current.tcp == null ? null : current.tcp.localAddress());
    }

    private void onEvent(SomeIpMessage message) {
        if (message.serviceId() != serviceId) {
            message.release();
            return;
        }
        List<Consumer<SomeIpMessage>> listeners = eventListeners.get(message.methodId());
        if (listeners == null || listeners.isEmpty()) {
            message.release();
            return;
        }
        for (int i = 0; i < listeners.size(); i++) {
            // Each listener owns its message: the last gets the original, the others a retained duplicate.
            SomeIpMessage own = i == listeners.size() - 1 ? message : message.retainedDuplicate();
            try {
                listeners.get(i).accept(own);
            } catch (RuntimeException e) {
                LOG.warn("Event listener failed on {}", own, e);
            }
        }
    }

    private final class Availability implements AvailabilityListener {
        @Override
        public void available(RemoteService service) {
            runtime.control().execute(() -> connect(service));
        }

        @Override
        public void unavailable(RemoteService service, AvailabilityReason reason) {
            Connection current = connection;
            if (current == null || !current.service.equals(service)) {
                return;
            }
            // At once, on the SD thread: from here on no call is written to the old endpoint.
            connection = null;
            nextAvailable = new CompletableFuture<>();
            runtime.control().execute(() -> disconnect(current, reason));
        }

        private void connect(RemoteService service) {
            if (closed) {
                return;
            }
            Connection previous = connection;
            if (previous != null) {
                connection = null;
                previous.close();
            }
            SomeIpClient udp = null;
            SomeIpClient tcp = null;
            try {
                udp = service.udp() == null ? null
                        : SomeIpClient.connect(runtime, service.udp(), localAddress, false, clientId, options);
                tcp = service.tcp() == null ? null
                        : SomeIpClient.connect(runtime, service.tcp(), localAddress, true, clientId, options);
            } catch (RuntimeException e) {
                LOG.warn("Cannot connect to {}: {}", service, e.toString());
                if (udp != null) {
                    udp.close();
                }
                return; // the next offer tries again
            }
            Connection current = new Connection(service, udp, tcp);
            if (udp != null) {
                udp.onNotification(ServiceProxy.this::onEvent);
            }
            if (tcp != null) {
                tcp.onNotification(ServiceProxy.this::onEvent);
            }
            connection = current;
            if (!eventgroups.isEmpty()) {
                discovery.renewSubscriptions(serviceId, service.instanceId());
            }
            nextAvailable.complete(service);
            availabilityListeners.forEach(l -> l.accept(true));
        }

        private void disconnect(Connection current, AvailabilityReason reason) {
            LOG.info("{} went down: {}", current.service, reason);
            current.close();
            availabilityListeners.forEach(l -> l.accept(false));
        }
    }

    @Override
    public void close() {
        closed = true;
        for (int group : eventgroups) {
            discovery.unsubscribe(serviceId, instanceId, group);
        }
        Connection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
        multicastGroups.values().forEach(MulticastEventReceiver::close);
        multicastGroups.clear();
    }
}
