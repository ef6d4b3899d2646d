package io.vehicle.someip.sdk.service;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.MulticastEventReceiver;
import io.vehicle.someip.runtime.ServiceUnavailableException;
import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.sd.AvailabilityListener;
import io.vehicle.someip.sd.AvailabilityReason;
import io.vehicle.someip.sd.FindHandle;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sd.ServiceDiscovery;
import io.vehicle.someip.sd.ServiceInstance;
import io.vehicle.someip.sd.SubscriptionListener;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of one service instance, untyped: follows its availability through SD,
 * connects to the endpoints of its current offer, calls methods and receives the events of the
 * eventgroups it subscribed to. When the instance goes down, its connections close, pending calls
 * fail and new calls fail at once: nothing is ever written to a stale endpoint. When it comes back
 * (a restart, a link back up) the proxy reconnects and subscribes again by itself.
 *
 * <p><b>Errors.</b> Calls, fire-and-forget sends and subscriptions report failures through what
 * they return (a failed future, a failed {@link Subscription#acknowledged()}), never by throwing:
 * {@link ServiceUnavailableException} while SD does not see the instance, IllegalStateException
 * once the proxy is closed.
 *
 * <p><b>Threads.</b> Messages arrive on Netty I/O threads, SD news on the SD event loop; neither
 * runs application code. Event and field listeners, availability listeners and the completion of
 * every future this proxy returns run on the proxy's callback executor
 * ({@link ProxyOptions#callbackExecutor()}; by default the node's one callback thread), one at a
 * time and in the order they arrived, so a listener sees a subscription's events in order. With
 * {@link ProxyOptions#DIRECT} they run on the I/O thread instead. Closing a {@link Registration}
 * stops its callbacks, also those already queued.
 *
 * <p><b>Lifetime.</b> {@link #close()} stops the SD find, ends every subscription (StopSubscribe),
 * closes the connections, fails what is pending and tells the node to forget the proxy.
 */
public final class ServiceProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);
    /** Distinct event ids whose last notification is kept; a provider sending more is not remembered past it. */
    static final int MAX_REMEMBERED_EVENTS = 1024;

    private final SomeIpRuntime runtime;
    private final ServiceDiscovery discovery;
    private final int serviceId;
    private final int instanceId;
    private final int majorVersion;
    private final int clientId;
    private final InetAddress localAddress;
    private final EndpointOptions endpointOptions;
    private final SerialExecutor callbacks;
    private final Duration subscriptionTimeout;
    private final Consumer<ServiceProxy> onClose;
    private final FindHandle find;
    /** Open subscriptions by eventgroup; guarded by {@code this}. */
    private final Map<Integer, Eventgroup> eventgroups = new HashMap<>();
    /** Open subscriptions by event id, read on the I/O threads. */
    private final Map<Integer, List<EventSubscription>> eventListeners = new ConcurrentHashMap<>();
    /**
     * The last notification of each event id (a copy), kept while the instance is up and no eventgroup
     * was given up: the provider sends a field's initial value once per SubscribeEventgroup
     * (feat_req_someipsd_691), so a field listener joining an eventgroup already subscribed gets the
     * current value from here. Guarded by {@code this}, as is the delivery of notifications, so a
     * joining listener gets each value once and in order.
     */
    private final Map<Integer, SomeIpMessage> lastNotifications = new HashMap<>();
    private final List<AvailabilityRegistration> availabilityListeners = new CopyOnWriteArrayList<>();
    private final Map<InetSocketAddress, MulticastEventReceiver> multicastGroups = new ConcurrentHashMap<>();
    private final InboundErrors multicastErrors = new InboundErrors();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Connection connection;
    private volatile CompletableFuture<RemoteService> nextAvailable = new CompletableFuture<>();
    /** When SD last told of an offer of the instance (wall clock, for people); null before the first. */
    private volatile Instant lastOffer;
    /** The offer listeners were last told is up; only touched on the runtime's control thread. */
    private RemoteService announced;

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
     * Starts finding the instance at once. Applications get proxies from their node
     * ({@code SomeIpNode.proxy}), which fills in everything but the ids.
     *
     * @param localAddress the node's unicast address: the proxy's sockets bind to it, so the
     *                     endpoints it subscribes with are reachable from the server
     * @param options      with a callback executor and a subscription timeout (no nulls)
     * @param onClose      told once when the proxy closes (its node forgets it)
     */
    public ServiceProxy(SomeIpRuntime runtime, ServiceDiscovery discovery, int serviceId, int instanceId,
                        int majorVersion, int clientId, InetAddress localAddress, EndpointOptions endpointOptions,
                        ProxyOptions options, Consumer<ServiceProxy> onClose) {
        this.runtime = runtime;
        this.discovery = discovery;
        this.serviceId = serviceId;
        this.instanceId = instanceId;
        this.majorVersion = majorVersion;
        this.clientId = clientId;
        this.localAddress = localAddress;
        this.endpointOptions = endpointOptions;
        this.callbacks = new SerialExecutor(Objects.requireNonNull(options.callbackExecutor(), "callback executor"));
        this.subscriptionTimeout = Objects.requireNonNull(options.subscriptionTimeout(), "subscription timeout");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.find = discovery.find(serviceId, instanceId, majorVersion, new FindListener());
    }

    /** The ids this proxy looks for (instance 0xFFFF: any). */
    public ServiceInstance instance() {
        return new ServiceInstance(serviceId, instanceId);
    }

    public boolean isAvailable() {
        return connection != null;
    }

    /**
     * When the last OfferService of the instance reached this proxy (its first offer, or a cyclic renewal,
     * feat_req_someipsd_431), by the wall clock; empty before any. Kept while the instance is down: how long
     * ago its provider last spoke is what a person debugging a lost service wants to see. The first one of a
     * proxy created after SD already knew the offer is the time the proxy learned of it.
     */
    public Optional<Instant> lastOffer() {
        return Optional.ofNullable(lastOffer);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Callbacks (events, answers, availability changes) waiting for the callback executor: a
     * number that keeps growing means the application's listeners are slower than the traffic.
     */
    public int queuedCallbacks() {
        return callbacks.queued();
    }

    /**
     * Completes (on the callback executor) when the instance is next available; at once if it is now.
     * Fails with IllegalStateException when the proxy closes first.
     */
    public CompletableFuture<RemoteService> whenAvailable() {
        Connection current = connection;
        if (current != null) {
            return CompletableFuture.completedFuture(current.service);
        }
        return nextAvailable.copy();
    }

    /**
     * Tells the listener, on the callback executor, each time the instance comes up or goes down;
     * first the current state if it is up now. Close the registration to stop.
     */
    public Registration onAvailability(Consumer<Availability> listener) {
        AvailabilityRegistration registration = new AvailabilityRegistration(Objects.requireNonNull(listener));
        if (closed.get()) {
            registration.close();
            return registration;
        }
        // Registered on the control thread, where changes are told: no change is missed or told twice.
        runtime.control().execute(() -> {
            if (registration.closed) {
                return;
            }
            availabilityListeners.add(registration);
            if (registration.closed) {
                availabilityListeners.remove(registration);
            } else if (announced != null) {
                registration.tell(Availability.up(announced));
            }
        });
        return registration;
    }

    /**
     * Calls a method (feat_req_someip_329) over TCP when {@code reliable} and the offer has a TCP
     * endpoint, else UDP. Takes ownership of the payload; the caller releases the response. The
     * future completes on the callback executor; it fails with ServiceUnavailableException while
     * SD does not see the instance, with a SomeIpErrorException for an error answer, and with a
     * RequestTimeoutException when no answer comes in time.
     */
    public CompletableFuture<SomeIpMessage> call(int methodId, ByteBuf payload, boolean reliable) {
        SomeIpClient client = clientFor(reliable);
        if (client == null) {
            payload.release();
            return CompletableFuture.failedFuture(notReachable());
        }
        CompletableFuture<SomeIpMessage> answer = client.request(SomeIpMessage.builder(serviceId, methodId,
                MessageType.REQUEST).interfaceVersion(majorVersion).payload(payload).build());
        if (callbacks.isDirect()) {
            return answer;
        }
        CompletableFuture<SomeIpMessage> result = new CompletableFuture<>();
        answer.whenComplete((response, error) -> completeOnCallbacks(result, response, error));
        return result;
    }

    /**
     * Fire and forget (feat_req_someip_345). Takes ownership of the payload. The future completes
     * when the request was written to the socket, and fails when it could not be (the instance is
     * not available, the connection broke).
     */
    public CompletableFuture<Void> fireAndForget(int methodId, ByteBuf payload, boolean reliable) {
        SomeIpClient client = clientFor(reliable);
        if (client == null) {
            payload.release();
            return CompletableFuture.failedFuture(notReachable());
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        client.send(SomeIpMessage.builder(serviceId, methodId, MessageType.REQUEST_NO_RETURN)
                .interfaceVersion(majorVersion).payload(payload).build())
                .addListener(f -> completeOnCallbacks(written, null, f.isSuccess() ? null : f.cause()));
        return written;
    }

    /**
     * Receives one event (or field notifier) of an eventgroup, subscribing to the eventgroup
     * through SD now and after every reconnect. The listener owns each message it is given and
     * runs on the callback executor. Close the subscription to stop; the eventgroup is
     * unsubscribed (StopSubscribeEventgroup) when its last subscription closes.
     */
    public Subscription subscribe(int eventgroupId, int eventId, Consumer<SomeIpMessage> listener) {
        return subscribe(eventgroupId, eventId, listener, false);
    }

    /**
     * Receives a field's notifier like {@link #subscribe}; a listener that joins an eventgroup already
     * subscribed (whose initial values came before it) first gets the field's last notified value.
     */
    public Subscription subscribeField(int eventgroupId, int notifierId, Consumer<SomeIpMessage> listener) {
        return subscribe(eventgroupId, notifierId, listener, true);
    }

    private Subscription subscribe(int eventgroupId, int eventId, Consumer<SomeIpMessage> listener, boolean field) {
        EventSubscription subscription = new EventSubscription(eventgroupId, eventId, Objects.requireNonNull(listener),
                field);
        Throwable answer;
        synchronized (this) {
            if (closed.get()) {
                subscription.closeWith(closedError());
                return subscription;
            }
            Eventgroup group = eventgroups.get(eventgroupId);
            boolean newGroup = group == null;
            if (newGroup) {
                group = new Eventgroup(eventgroupId);
                eventgroups.put(eventgroupId, group);
            }
            subscription.group = group;
            group.subscriptions.add(subscription);
            // Listening before the Subscribe goes out: its Ack and the initial field values can arrive
            // on other threads before this one gets on, and a value nobody listens to is dropped.
            eventListeners.computeIfAbsent(eventId, id -> new CopyOnWriteArrayList<>()).add(subscription);
            SomeIpMessage current = field && !newGroup ? lastNotifications.get(eventId) : null;
            if (current != null) {
                subscription.deliver(current.retainedDuplicate());
            }
            if (newGroup) {
                // Under the lock: SD sees subscribe and unsubscribe of one eventgroup in the order we decided them.
                discovery.subscribe(serviceId, instanceId, majorVersion, eventgroupId, this::currentEndpoints, group);
            }
            if (group.state == AckState.PENDING) {
                group.pending.add(subscription);
                subscription.startTimer();
                return subscription;
            }
            answer = group.state == AckState.REFUSED ? group.refusal : null;
        }
        subscription.answer(answer);
        return subscription;
    }

    private SomeIpClient clientFor(boolean reliable) {
        Connection current = connection;
        if (current == null) {
            return null;
        }
        if (reliable && current.tcp != null) {
            return current.tcp;
        }
        if (reliable && current.service.tcp() != null) {
            return null; // offered over TCP, but the provider reset the connection: down until the next offer
        }
        return current.udp != null ? current.udp : current.tcp;
    }

    /**
     * Whether a call now reaches the instance: over TCP ({@code reliable}, when the offer has a TCP
     * endpoint) or UDP. False for TCP from the moment the provider resets the connection until it
     * is reopened with the next offer, while UDP keeps working.
     */
    public boolean isReachable(boolean reliable) {
        return clientFor(reliable) != null;
    }

    private RuntimeException notReachable() {
        if (closed.get()) {
            return closedError();
        }
        Connection current = connection;
        if (current != null && current.tcp == null && current.service.tcp() != null) {
            return new ServiceUnavailableException(String.format("service 0x%04X instance 0x%04X: the provider "
                    + "reset the TCP connection; TCP is down until its next offer", serviceId, instanceId));
        }
        return new ServiceUnavailableException(String.format(
                "service 0x%04X instance 0x%04X is not available", serviceId, instanceId));
    }

    private IllegalStateException closedError() {
        return new IllegalStateException(String.format("the proxy of service 0x%04X instance 0x%04X is closed",
                serviceId, instanceId));
    }

    /** Completes {@code target} on the callback executor; a value nobody takes any more is released. */
    private <T> void completeOnCallbacks(CompletableFuture<T> target, T value, Throwable error) {
        SerialExecutor.Callback completion = new SerialExecutor.Callback() {
            @Override
            public void run() {
                if (error != null) {
                    target.completeExceptionally(error);
                } else if (!target.complete(value) && value instanceof SomeIpMessage message) {
                    message.release(); // the caller cancelled
                }
            }

            @Override
            public void rejected(RejectedExecutionException e) {
                run(); // a future must complete, even on this thread
            }
        };
        callbacks.execute(completion);
    }

    /** Starts receiving the events a server sends to a multicast group (feat_req_someip_812). */
    private void joinMulticast(InetSocketAddress group) {
        if (closed.get() || multicastGroups.containsKey(group)) {
            return;
        }
        try {
            // Only events from the provider's own endpoint count (feat_req_someipsd_850).
            multicastGroups.put(group, new MulticastEventReceiver(runtime, group, localAddress, endpointOptions,
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

    /** On an I/O thread: hands the event to each open subscription of its id, each with its own reference. */
    private void onEvent(SomeIpMessage message) {
        if (message.serviceId() != serviceId) {
            message.release();
            return;
        }
        synchronized (this) {
            List<EventSubscription> listeners = eventListeners.get(message.methodId());
            // Only a field's value is replayed: an id heard only as an event is not copied. An id
            // nobody listens to yet may be a field someone joins later, so it is kept.
            boolean field = listeners == null;
            if (listeners != null) {
                for (EventSubscription subscription : listeners) {
                    field |= subscription.field;
                    subscription.deliver(message.retainedDuplicate());
                }
            }
            if (field) {
                remember(message);
            }
        }
        message.release();
    }

    /** Keeps a copy (never the receive buffer, which a TCP decoder would then have to copy on every read). */
    private void remember(SomeIpMessage message) {
        if (lastNotifications.size() >= MAX_REMEMBERED_EVENTS && !lastNotifications.containsKey(message.methodId())) {
            return;
        }
        SomeIpMessage copy = message.replace(Unpooled.copiedBuffer(message.payload()));
        SomeIpMessage previous = lastNotifications.put(message.methodId(), copy);
        if (previous != null) {
            previous.release();
        }
    }

    /** What was notified is no longer current: the instance went down. Under this. */
    private void forgetNotifications() {
        lastNotifications.values().forEach(SomeIpMessage::release);
        lastNotifications.clear();
    }

    /**
     * An eventgroup was given up, so its events stop coming and what is remembered of them goes stale.
     * Which event ids were its is known only for those a subscription listens to: every other
     * remembered id is forgotten too. Under this.
     */
    private void forgetNotificationsNobodyListensTo() {
        lastNotifications.entrySet().removeIf(entry -> {
            if (eventListeners.containsKey(entry.getKey())) {
                return false;
            }
            entry.getValue().release();
            return true;
        });
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        find.close();
        List<EventSubscription> open = new ArrayList<>();
        synchronized (this) {
            for (Eventgroup group : eventgroups.values()) {
                discovery.unsubscribe(serviceId, instanceId, group.id);
                open.addAll(group.subscriptions);
            }
            eventgroups.clear();
            eventListeners.clear();
            forgetNotifications();
        }
        open.forEach(s -> s.closeWith(closedError()));
        availabilityListeners.forEach(AvailabilityRegistration::close);
        Connection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
        multicastGroups.values().forEach(MulticastEventReceiver::close);
        multicastGroups.clear();
        nextAvailable.completeExceptionally(closedError());
        onClose.accept(this);
    }

    private enum AckState { PENDING, ACKED, REFUSED }

    /** One eventgroup this proxy subscribed to through SD, and the answer its provider gave. */
    private final class Eventgroup implements SubscriptionListener {
        final int id;
        final List<EventSubscription> subscriptions = new ArrayList<>();
        /** Subscriptions whose acknowledged() waits for the next answer. */
        final List<EventSubscription> pending = new ArrayList<>();
        AckState state = AckState.PENDING;
        SubscriptionRefusedException refusal;

        Eventgroup(int id) {
            this.id = id;
        }

        @Override
        public void acked(RemoteService service, InetSocketAddress multicast) {
            LOG.debug("Subscribed to eventgroup 0x{} of {}", Integer.toHexString(id), service);
            List<EventSubscription> waiting = answered(AckState.ACKED, null);
            if (waiting == null) {
                return;
            }
            if (multicast != null) {
                // Binding blocks: never on the SD event loop that calls us.
                runtime.control().execute(() -> joinMulticast(multicast));
            }
            waiting.forEach(s -> s.answer(null));
        }

        @Override
        public void nacked(RemoteService service) {
            SubscriptionRefusedException refused = new SubscriptionRefusedException(service.instance(), id);
            LOG.warn("{}", refused.getMessage());
            List<EventSubscription> waiting = answered(AckState.REFUSED, refused);
            if (waiting != null) {
                waiting.forEach(s -> s.answer(refused));
            }
        }

        /** Records the answer; returns the subscriptions it answers, or null if this eventgroup is gone. */
        private List<EventSubscription> answered(AckState answer, SubscriptionRefusedException why) {
            synchronized (ServiceProxy.this) {
                if (eventgroups.get(id) != this) {
                    return null;
                }
                state = answer;
                refusal = why;
                List<EventSubscription> waiting = List.copyOf(pending);
                pending.clear();
                return waiting;
            }
        }
    }

    /** A listener of one event id, subscribed through its eventgroup. */
    private final class EventSubscription implements Subscription {
        final int eventgroupId;
        final int eventId;
        final Consumer<SomeIpMessage> listener;
        /** A field's listener, to whom a late join replays the last value (an event's gets none). */
        final boolean field;
        final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        final AtomicBoolean closedFlag = new AtomicBoolean();
        volatile boolean closed;
        Eventgroup group; // set under the proxy's lock
        volatile Future<?> timer;

        EventSubscription(int eventgroupId, int eventId, Consumer<SomeIpMessage> listener, boolean field) {
            this.field = field;
            this.eventgroupId = eventgroupId;
            this.eventId = eventId;
            this.listener = listener;
        }

        @Override
        public CompletableFuture<Void> acknowledged() {
            return acknowledged;
        }

        void startTimer() {
            try {
                timer = runtime.group().next().schedule(this::timedOut, subscriptionTimeout.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                acknowledged.completeExceptionally(e); // the runtime is shutting down
            }
        }

        private void timedOut() {
            synchronized (ServiceProxy.this) {
                if (group == null || !group.pending.remove(this)) {
                    return; // answered or closed meanwhile
                }
            }
            Connection current = connection;
            ServiceInstance which = current != null ? current.service.instance() : instance();
            answer(new SubscriptionTimeoutException(which, eventgroupId, subscriptionTimeout, current != null));
        }

        /** Completes acknowledged() on the callback executor: null for an Ack, else the failure. */
        void answer(Throwable failure) {
            Future<?> pendingTimer = timer;
            if (pendingTimer != null) {
                pendingTimer.cancel(false);
            }
            callbacks.execute(new SerialExecutor.Callback() {
                @Override
                public void run() {
                    if (failure == null) {
                        acknowledged.complete(null);
                    } else {
                        acknowledged.completeExceptionally(failure);
                    }
                }

                @Override
                public void rejected(RejectedExecutionException e) {
                    run();
                }
            });
        }

        /** On an I/O thread; takes ownership of the message. */
        void deliver(SomeIpMessage message) {
            if (closed) {
                message.release();
                return;
            }
            callbacks.execute(new SerialExecutor.Callback() {
                @Override
                public void run() {
                    if (closed) {
                        message.release(); // closed while queued
                        return;
                    }
                    listener.accept(message);
                }

                @Override
                public void rejected(RejectedExecutionException e) {
                    message.release();
                }
            });
        }

        @Override
        public void close() {
            if (!closedFlag.compareAndSet(false, true)) {
                return;
            }
            closed = true;
            stopWaiting();
            acknowledged.cancel(false);
            synchronized (ServiceProxy.this) {
                eventListeners.computeIfPresent(eventId, (id, list) -> {
                    list.remove(this);
                    return list.isEmpty() ? null : list;
                });
                if (group == null) {
                    return;
                }
                group.pending.remove(this);
                group.subscriptions.remove(this);
                if (group.subscriptions.isEmpty() && eventgroups.get(eventgroupId) == group) {
                    eventgroups.remove(eventgroupId);
                    forgetNotificationsNobodyListensTo();
                    // feat_req_someipsd_332: the last listener of the eventgroup is gone.
                    discovery.unsubscribe(serviceId, instanceId, eventgroupId);
                }
            }
        }

        /** Closed with its proxy: no StopSubscribe of its own (the proxy sends them). */
        void closeWith(Throwable why) {
            if (!closedFlag.compareAndSet(false, true)) {
                return;
            }
            closed = true;
            stopWaiting();
            acknowledged.completeExceptionally(why);
        }

        private void stopWaiting() {
            Future<?> pendingTimer = timer;
            if (pendingTimer != null) {
                pendingTimer.cancel(false);
            }
        }
    }

    /** An availability listener; told on the callback executor while open. */
    private final class AvailabilityRegistration implements Registration {
        final Consumer<Availability> listener;
        volatile boolean closed;

        AvailabilityRegistration(Consumer<Availability> listener) {
            this.listener = listener;
        }

        void tell(Availability availability) {
            callbacks.execute(() -> {
                if (!closed) {
                    listener.accept(availability);
                }
            });
        }

        @Override
        public void close() {
            closed = true;
            availabilityListeners.remove(this);
        }
    }

    /** SD's news of the instance: connections change on the control thread (they block), listeners hear of it there. */
    private final class FindListener implements AvailabilityListener {
        @Override
        public void available(RemoteService service) {
            lastOffer = Instant.now();
            runtime.control().execute(() -> connect(service));
        }

        @Override
        public void unavailable(RemoteService service, AvailabilityReason reason) {
            Connection current = connection;
            if (current == null || !current.service.equals(service)) {
                return;
            }
            // At once, on the SD thread: from here on no call is written to the old endpoint.
            nextAvailable = new CompletableFuture<>();
            synchronized (ServiceProxy.this) {
                connection = null;
                forgetNotifications();
                // The next provider answers anew; subscriptions made from now on wait for that answer.
                for (Eventgroup group : eventgroups.values()) {
                    group.state = AckState.PENDING;
                    group.refusal = null;
                }
            }
            runtime.control().execute(() -> disconnect(current, reason));
        }

        @Override
        public void offered(RemoteService service) {
            lastOffer = Instant.now();
            Connection current = connection;
            if (current == null || (current.tcp == null && service.tcp() != null)) {
                runtime.control().execute(() -> reopen(service));
            }
        }

        /**
         * The next offer after a loss: a TCP connection the provider reset is reopened (and the
         * subscriptions renewed with its new endpoint); a connection that failed altogether is retried.
         */
        private void reopen(RemoteService service) {
            Connection current = connection;
            if (closed.get() || (current != null && !current.service.equals(service))) {
                return;
            }
            if (current == null) {
                connect(service);
                return;
            }
            if (current.tcp != null) {
                return; // reopened already
            }
            SomeIpClient tcp;
            try {
                tcp = SomeIpClient.connect(runtime, service.tcp(), localAddress, true, clientId, endpointOptions);
            } catch (RuntimeException e) {
                LOG.info("TCP of {} still refused: {}", service, e.toString());
                return; // the next offer tries again
            }
            tcp.onNotification(ServiceProxy.this::onEvent);
            synchronized (ServiceProxy.this) {
                if (connection != current) {
                    tcp.close();
                    return;
                }
                connection = new Connection(service, current.udp, tcp);
            }
            tcp.onConnectionLost(cause -> runtime.control().execute(() -> tcpLost(tcp, cause)));
            LOG.info("TCP of {} reopened with its offer", service);
            renewSubscriptions(service);
        }

        /**
         * The provider reset our TCP connection (or refused to reopen it): TCP is down at once until
         * the next offer, where vsomeip 3.6.4 marks the whole service down within ms (issue #13).
         * UDP keeps working; an instance offered over TCP alone is down, with that reason.
         */
        private void tcpLost(SomeIpClient lost, Throwable cause) {
            Connection current;
            synchronized (ServiceProxy.this) {
                current = connection;
                if (current == null || current.tcp != lost) {
                    return;
                }
                connection = current.udp == null ? null : new Connection(current.service, current.udp, null);
                if (connection == null) {
                    nextAvailable = new CompletableFuture<>();
                    forgetNotifications();
                    for (Eventgroup group : eventgroups.values()) {
                        group.state = AckState.PENDING;
                        group.refusal = null;
                    }
                }
            }
            LOG.info("{}: TCP connection lost ({}); TCP down until the next offer", current.service, cause.toString());
            lost.close();
            if (current.udp == null) {
                disconnect(new Connection(current.service, null, null), AvailabilityReason.CONNECTION_RESET);
            }
            // Subscriptions are renewed when TCP is back: one without a TCP endpoint now could be refused.
        }

        private void renewSubscriptions(RemoteService service) {
            boolean subscribed;
            synchronized (ServiceProxy.this) {
                subscribed = !eventgroups.isEmpty();
            }
            if (subscribed) {
                discovery.renewSubscriptions(serviceId, service.instanceId());
            }
        }

        private void connect(RemoteService service) {
            if (closed.get()) {
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
                        : SomeIpClient.connect(runtime, service.udp(), localAddress, false, clientId, endpointOptions);
                tcp = service.tcp() == null ? null
                        : SomeIpClient.connect(runtime, service.tcp(), localAddress, true, clientId, endpointOptions);
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
                SomeIpClient opened = tcp;
                tcp.onConnectionLost(cause -> runtime.control().execute(() -> tcpLost(opened, cause)));
            }
            connection = current;
            if (closed.get()) { // closed while we connected: close() may not have seen this connection
                connection = null;
                current.close();
                return;
            }
            renewSubscriptions(service);
            completeOnCallbacks(nextAvailable, service, null);
            announced = service;
            Availability up = Availability.up(service);
            availabilityListeners.forEach(l -> l.tell(up));
        }

        private void disconnect(Connection current, AvailabilityReason reason) {
            LOG.info("{} went down: {}", current.service, reason);
            current.close();
            if (announced != null) {
                announced = null;
                Availability down = Availability.down(current.service, reason);
                availabilityListeners.forEach(l -> l.tell(down));
            }
        }
    }
}
