package io.vehicle.someip.sdk.service;

import io.netty.buffer.ByteBuf;
import io.vehicle.someip.runtime.ServiceDefinition;
import io.vehicle.someip.runtime.SessionIdCounter;
import io.vehicle.someip.runtime.SomeIpServer;
import io.vehicle.someip.runtime.MethodKind;
import io.vehicle.someip.runtime.RequestHandler;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.sd.EventgroupConfig;
import io.vehicle.someip.sd.OfferedService;
import io.vehicle.someip.sd.ServiceDiscovery;
import io.vehicle.someip.sd.ServiceInstance;
import io.vehicle.someip.sd.Subscriber;
import io.vehicle.someip.sd.SubscriberListener;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The provider side of one service instance, untyped (payloads are SOME/IP-serialized bytes):
 * its methods, events and fields, served on a {@link SomeIpServer} and offered through SD. Events
 * go only to subscribers of their eventgroups (feat_req_someip_361); a new subscriber gets the
 * current value of every field of the eventgroup first (initial events).
 *
 * <p>The typed skeletons of the IDL and the bridge's generic services both sit on this class.
 */
public final class ServiceSkeleton implements AutoCloseable {

    private final ServiceDefinition definition;
    private final int minorVersion;
    private final Map<Integer, EventDefinition> events;
    private final Map<Integer, InetSocketAddress> multicastGroups;
    private final Map<Integer, ByteBuf> fieldValues = new ConcurrentHashMap<>();
    /** Orders storing-and-notifying a field against sending its initial value to a new subscriber. */
    private final Object fieldLock = new Object();
    private final Map<Integer, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    /**
     * New subscribers whose initial field values have not gone out yet, with the fields whose changes
     * were sent to them meanwhile: those need no initial value (it would repeat the change, a bench saw
     * the same value twice). Changes are never held back: one made after the Ack left but before SD
     * asked for the initial values must reach the subscriber as it is, not folded into a later value.
     */
    private final Map<GroupMember, Set<Integer>> awaitingInitialValues = new ConcurrentHashMap<>();
    /** Futures of {@link #whenSubscribed}, per eventgroup, until its next subscriber arrives. */
    private final Map<Integer, List<CompletableFuture<Void>>> awaitingSubscriber = new ConcurrentHashMap<>();
    private final SessionIdCounter sessions = new SessionIdCounter();
    private final SomeIpServer server;
    private final ServiceDiscovery discovery;
    private final Consumer<ServiceSkeleton> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SubscriberTracker tracker = new SubscriberTracker();
    private volatile boolean offered;

    private ServiceSkeleton(Builder builder, SomeIpServer server, ServiceDiscovery discovery,
                            Consumer<ServiceSkeleton> onClose) {
        this.onClose = onClose;
        this.minorVersion = builder.minorVersion;
        this.events = Map.copyOf(builder.events);
        this.multicastGroups = Map.copyOf(builder.multicastGroups);
        this.server = server;
        this.discovery = discovery;
        builder.fieldValues.forEach(fieldValues::put);
        ServiceDefinition.Builder methods = ServiceDefinition.builder(builder.serviceId, builder.instanceId,
                builder.majorVersion).minorVersion(builder.minorVersion);
        SerialExecutor handlers = builder.handlerExecutor == ProxyOptions.DIRECT ? null
                : new SerialExecutor(builder.handlerExecutor);
        builder.methods.forEach(m -> methods.method(m.methodId(), m.kind(), onExecutor(handlers, m.handler())));
        builder.fields.forEach(f -> {
            if (f.getterId >= 0) {
                // feat_req_someip_632: the getter answers with the current value.
                methods.method(f.getterId, onExecutor(handlers, request -> CompletableFuture.completedFuture(
                        retainedFieldValue(f.notifierId))));
            }
            if (f.setterId >= 0) {
                methods.method(f.setterId, onExecutor(handlers, request -> f.setter.set(request.payload())
                        .thenApply(applied -> {
                            setField(f.notifierId, applied.retainedDuplicate());
                            return applied;
                        })));
            }
        });
        this.definition = methods.build();
        server.register(definition);
    }

    /**
     * The handler as the dispatcher calls it (on the I/O thread that received the request): as it
     * is, or handed to the skeleton's executor, one request at a time in arrival order. The request
     * is retained for the hop (the dispatcher frees it when the call returns).
     */
    private static RequestHandler onExecutor(SerialExecutor executor, RequestHandler handler) {
        if (executor == null) {
            return handler;
        }
        return request -> {
            CompletableFuture<ByteBuf> answer = new CompletableFuture<>();
            SomeIpMessage held = request.retain();
            executor.execute(new SerialExecutor.Callback() {
                @Override
                public void run() {
                    try {
                        handler.handle(held).whenComplete((payload, error) -> {
                            if (error != null) {
                                answer.completeExceptionally(error);
                            } else {
                                answer.complete(payload);
                            }
                        });
                    } catch (RuntimeException e) {
                        answer.completeExceptionally(e);
                    } finally {
                        held.release();
                    }
                }

                @Override
                public void rejected(RejectedExecutionException e) {
                    held.release();
                    answer.completeExceptionally(e); // answered E_NOT_OK
                }
            });
            return answer;
        };
    }

    public static Builder builder(int serviceId, int instanceId, int majorVersion, int minorVersion) {
        return new Builder(serviceId, instanceId, majorVersion, minorVersion);
    }

    public ServiceInstance instance() {
        return new ServiceInstance(definition.serviceId(), definition.instanceId());
    }

    public SomeIpServer server() {
        return server;
    }

    /** Starts offering through SD: Initial Wait, Repetition and Main Phase (feat_req_someipsd_68). */
    public void offer() {
        Map<Integer, EventgroupConfig> groups = new HashMap<>();
        for (EventDefinition event : events.values()) {
            for (int group : event.eventgroups()) {
                groups.put(group, new EventgroupConfig(group, multicastGroups.get(group)));
            }
        }
        OfferedService offer = new OfferedService(definition.serviceId(), definition.instanceId(),
                definition.majorVersion(), minorVersion, server.udpAddress(), server.tcpAddress(), groups);
        offered = true;
        discovery.offer(offer, tracker);
    }

    public void stopOffer() {
        offered = false;
        discovery.stopOffer(instance());
        for (Set<Subscriber> members : subscribers.values()) {
            for (Subscriber subscriber : members) {
                if (members.remove(subscriber)) {
                    server.subscriberRemoved(subscriber.udp(), subscriber.tcp());
                }
            }
        }
        subscribers.clear();
        awaitingInitialValues.clear();
    }

    /** What SD tells about subscribers; for tests that must order its calls against field changes. */
    SubscriberListener subscriberListener() {
        return tracker;
    }

    /** Who is subscribed to an eventgroup now: where its events go and from which SD address it subscribed. */
    public Set<Subscriber> subscribers(int eventgroupId) {
        Set<Subscriber> set = subscribers.get(eventgroupId);
        return set == null ? Set.of() : Set.copyOf(set);
    }

    public int subscriberCount(int eventgroupId) {
        Set<Subscriber> set = subscribers.get(eventgroupId);
        return set == null ? 0 : set.size();
    }

    /**
     * Completes once the eventgroup has a subscriber: at once if it has one now, else when SD accepts
     * the next one (before its Ack goes out). Subscriptions are asynchronous, and events published
     * before one is in place go nowhere by design; this is how to wait for one without polling.
     * Cancelled when the skeleton closes.
     */
    public CompletableFuture<Void> whenSubscribed(int eventgroupId) {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        // Registered before the count is read: a subscriber that arrives in between completes it either way.
        awaitingSubscriber.computeIfAbsent(eventgroupId, g -> new CopyOnWriteArrayList<>()).add(subscribed);
        if (subscriberCount(eventgroupId) > 0) {
            subscribed.complete(null);
        }
        return subscribed;
    }

    /** Sends an event to every subscriber of its eventgroups, once each. Takes ownership of the payload. */
    public void publish(int eventId, ByteBuf payload) {
        try {
            EventDefinition event = events.get(eventId);
            if (event == null) {
                throw new IllegalArgumentException(String.format("service 0x%04X has no event 0x%04X",
                        definition.serviceId(), eventId));
            }
            if (event.eventgroups().size() == 1) {
                publishToGroup(event, event.eventgroups().iterator().next(), payload);
            } else {
                publishToGroups(event, payload);
            }
        } finally {
            payload.release();
        }
    }

    /**
     * The common case, an event in one eventgroup: its subscribers are distinct already, so they
     * are sent to straight from the set, with no per-event collections.
     */
    private void publishToGroup(EventDefinition event, int group, ByteBuf payload) {
        InetSocketAddress multicast = multicastGroups.get(group);
        if (multicast != null) {
            if (subscriberCount(group) > 0) {
                server.sendUdp(notification(event.eventId(), payload.retainedDuplicate()), multicast, true);
            }
            return;
        }
        Set<Subscriber> members = subscribers.get(group);
        if (members != null) {
            for (Subscriber subscriber : members) {
                noteChangeBeforeInitialValue(event, group, subscriber);
                send(event, subscriber, payload.retainedDuplicate());
            }
        }
    }

    private void noteChangeBeforeInitialValue(EventDefinition event, int group, Subscriber subscriber) {
        if (event.field() && !awaitingInitialValues.isEmpty()) {
            Set<Integer> changed = awaitingInitialValues.get(new GroupMember(group, subscriber));
            if (changed != null) {
                changed.add(event.eventId());
            }
        }
    }

    /** An event in several eventgroups: a subscriber of more than one of them still gets it once. */
    private void publishToGroups(EventDefinition event, ByteBuf payload) {
        Set<Subscriber> targets = new LinkedHashSet<>();
        Set<InetSocketAddress> multicasts = new HashSet<>();
        for (int group : event.eventgroups()) {
            InetSocketAddress multicast = multicastGroups.get(group);
            if (multicast != null) {
                if (subscriberCount(group) > 0) {
                    multicasts.add(multicast);
                }
            } else {
                Set<Subscriber> members = subscribers.get(group);
                if (members != null) {
                    for (Subscriber subscriber : members) {
                        noteChangeBeforeInitialValue(event, group, subscriber);
                        targets.add(subscriber);
                    }
                }
            }
        }
        for (InetSocketAddress group : multicasts) {
            server.sendUdp(notification(event.eventId(), payload.retainedDuplicate()), group, true);
        }
        for (Subscriber subscriber : targets) {
            send(event, subscriber, payload.retainedDuplicate());
        }
    }

    /** Stores a field's new value and notifies its subscribers (feat_req_someip_635). Takes ownership. */
    public void setField(int notifierId, ByteBuf value) {
        EventDefinition event = events.get(notifierId);
        if (event == null || !event.field()) {
            value.release();
            throw new IllegalArgumentException(String.format("0x%04X is not a field notifier", notifierId));
        }
        ByteBuf stored = Unpooled.copiedBuffer(value); // an unpooled copy lives as long as the field
        synchronized (fieldLock) {
            ByteBuf previous = fieldValues.put(notifierId, stored);
            if (previous != null) {
                previous.release();
            }
            publish(notifierId, value);
        }
    }

    /**
     * Changes a field from its current value and notifies its subscribers, as one step under the
     * skeleton's field lock: the lock {@link #setField}, the remote setter and the getter take too,
     * so no other change of the field can fall between the read and the write and be lost.
     * {@code change} gets the current value (valid during the call only; it must not release it) and
     * returns the new one, which the skeleton takes over. It runs under the lock: keep it short.
     */
    public void updateField(int notifierId, UnaryOperator<ByteBuf> change) {
        EventDefinition event = events.get(notifierId);
        if (event == null || !event.field()) {
            throw new IllegalArgumentException(String.format("0x%04X is not a field notifier", notifierId));
        }
        synchronized (fieldLock) {
            ByteBuf current = fieldValues.get(notifierId);
            setField(notifierId, change.apply(current == null ? Unpooled.EMPTY_BUFFER : current.duplicate()));
        }
    }

    /**
     * The current value of a field, retained: the caller releases it. Taken under the field lock,
     * because {@link #setField} releases the value it replaces: a duplicate taken outside it could be
     * of a buffer that is being released.
     */
    public ByteBuf retainedFieldValue(int notifierId) {
        synchronized (fieldLock) {
            ByteBuf value = fieldValues.get(notifierId);
            return value == null ? Unpooled.EMPTY_BUFFER : value.retainedDuplicate();
        }
    }

    /**
     * Sends an event to one subscriber: over UDP through the socket the server keeps for its
     * endpoint, over TCP through its connection; either drops it (counted by the server) when more
     * than the subscriber's queue is waiting.
     */
    private void send(EventDefinition event, Subscriber subscriber, ByteBuf payload) {
        SomeIpMessage message = notification(event.eventId(), payload);
        // Field values must arrive in the order they were set, whichever thread sends them (a
        // setter on a server loop, an initial value on the SD loop): queue them, never write inline.
        boolean inOrder = event.field();
        if (subscriber.tcp() != null && (event.reliable() || subscriber.udp() == null)) {
            if (inOrder) {
                server.sendTcpInOrder(message, subscriber.tcp());
            } else {
                server.sendTcp(message, subscriber.tcp());
            }
        } else if (subscriber.udp() != null) {
            server.sendEventUdp(message, subscriber.udp(), inOrder);
        } else {
            message.release();
        }
    }

    private SomeIpMessage notification(int eventId, ByteBuf payload) {
        return SomeIpMessage.builder(definition.serviceId(), eventId, MessageType.NOTIFICATION)
                .interfaceVersion(definition.majorVersion()).sessionId(sessions.next()).payload(payload).build();
    }

    /** Mirrors SD's subscriber table for publishing from any thread, and sends initial field values. */
    private final class SubscriberTracker implements SubscriberListener {
        @Override
        public boolean accept(OfferedService service, int eventgroupId, Subscriber subscriber) {
            return offered;
        }

        @Override
        public CompletionStage<?> subscribed(OfferedService service, int eventgroupId, Subscriber subscriber,
                                             boolean renewal) {
            if (!renewal) {
                awaitingInitialValues.put(new GroupMember(eventgroupId, subscriber), ConcurrentHashMap.newKeySet());
            }
            CompletionStage<?> ready = SubscriberListener.ACK_NOW;
            if (subscribers.computeIfAbsent(eventgroupId, g -> new CopyOnWriteArraySet<>()).add(subscriber)) {
                ready = server.subscriberAdded(subscriber.udp(), subscriber.tcp()); // the Ack waits for its socket
            }
            List<CompletableFuture<Void>> waiting = awaitingSubscriber.remove(eventgroupId);
            if (waiting != null) {
                waiting.forEach(future -> future.complete(null));
            }
            return ready;
        }

        @Override
        public void acknowledged(OfferedService service, int eventgroupId, Subscriber subscriber,
                                 boolean initialEvents) {
            synchronized (fieldLock) {
                Set<Integer> changed = awaitingInitialValues.remove(new GroupMember(eventgroupId, subscriber));
                if (!initialEvents) {
                    return;
                }
                for (EventDefinition event : events.values()) {
                    ByteBuf value = fieldValues.get(event.eventId());
                    if (event.field() && event.eventgroups().contains(eventgroupId) && value != null
                            && (changed == null || !changed.contains(event.eventId()))) {
                        send(event, subscriber, value.retainedDuplicate());
                    }
                }
            }
        }

        @Override
        public void unsubscribed(OfferedService service, int eventgroupId, Subscriber subscriber) {
            Set<Subscriber> set = subscribers.get(eventgroupId);
            awaitingInitialValues.remove(new GroupMember(eventgroupId, subscriber));
            if (set != null && set.remove(subscriber)) {
                server.subscriberRemoved(subscriber.udp(), subscriber.tcp());
            }
        }
    }

    /** Stops offering, unregisters the methods and tells the node to forget it; safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (offered) {
            stopOffer();
        }
        server.dispatcher().unregister(definition.serviceId());
        awaitingSubscriber.values().forEach(waiting -> waiting.forEach(future -> future.cancel(false)));
        awaitingSubscriber.clear();
        synchronized (fieldLock) { // a getter may still be reading
            fieldValues.values().forEach(ByteBuf::release);
            fieldValues.clear();
        }
        onClose.accept(this);
    }

    private record GroupMember(int eventgroupId, Subscriber subscriber) {
    }

    private static final class Field {
        final int notifierId;
        final int getterId;
        final int setterId;
        final FieldSetter setter;

        Field(int notifierId, int getterId, int setterId, FieldSetter setter) {
            this.notifierId = notifierId;
            this.getterId = getterId;
            this.setterId = setterId;
            this.setter = setter;
        }
    }

    /** Collects methods, events and fields, then binds them to a node. */
    public static final class Builder {
        private final int serviceId;
        private final int instanceId;
        private final int majorVersion;
        private final int minorVersion;
        private final List<ServiceDefinition.Method> methods = new ArrayList<>();
        private final Map<Integer, EventDefinition> events = new HashMap<>();
        private final List<Field> fields = new ArrayList<>();
        private final Map<Integer, ByteBuf> fieldValues = new HashMap<>();
        private final Map<Integer, InetSocketAddress> multicastGroups = new HashMap<>();
        private Executor handlerExecutor = ProxyOptions.DIRECT;

        private Builder(int serviceId, int instanceId, int majorVersion, int minorVersion) {
            this.serviceId = serviceId;
            this.instanceId = instanceId;
            this.majorVersion = majorVersion;
            this.minorVersion = minorVersion;
        }

        public int serviceId() {
            return serviceId;
        }

        public Builder method(int methodId, RequestHandler handler) {
            methods.add(new ServiceDefinition.Method(methodId, MethodKind.REQUEST_RESPONSE, handler));
            return this;
        }

        public Builder fireAndForget(int methodId, RequestHandler handler) {
            methods.add(new ServiceDefinition.Method(methodId, MethodKind.FIRE_AND_FORGET, handler));
            return this;
        }

        public Builder event(int eventId, boolean reliable, Integer... eventgroups) {
            putEvent(new EventDefinition(eventId, Set.of(eventgroups), reliable, false));
            return this;
        }

        /**
         * A field (feat_req_someip_631): its notifier event, an optional getter and setter (-1 for
         * none) and the value it starts with (the builder takes ownership).
         */
        public Builder field(int notifierId, int getterId, int setterId, FieldSetter setter, ByteBuf initialValue,
                             boolean reliable, Integer... eventgroups) {
            if (setterId >= 0 && setter == null) {
                throw new IllegalArgumentException("a field with a setter needs a FieldSetter");
            }
            putEvent(new EventDefinition(notifierId, Set.of(eventgroups), reliable, true));
            fields.add(new Field(notifierId, getterId, setterId, setter));
            fieldValues.put(notifierId, Unpooled.copiedBuffer(initialValue));
            initialValue.release();
            return this;
        }

        /**
         * Where method handlers, field setters and getters run: handed to {@code executor} one at
         * a time, in the order the requests arrived (a thread pool keeps that order too), so
         * application code stays off Netty's I/O threads. By default ({@link ProxyOptions#DIRECT})
         * they run on the I/O thread that received the request, without a hop: the fastest path,
         * for handlers that return at once and hand slow work elsewhere.
         *
         * <p>A provider that completes setters on a thread of its own and changes the same fields
         * there too must run its handlers on that thread: see {@link FieldSetter} for why.
         */
        public Builder handlerExecutor(Executor executor) {
            handlerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Events of this eventgroup go to one multicast group instead of each subscriber. */
        public Builder multicast(int eventgroupId, InetSocketAddress group) {
            multicastGroups.put(eventgroupId, group);
            return this;
        }

        private void putEvent(EventDefinition event) {
            if (events.putIfAbsent(event.eventId(), event) != null) {
                throw new IllegalArgumentException(String.format("event 0x%04X defined twice", event.eventId()));
            }
        }

        /** Registers the methods on the server and returns the skeleton, not yet offered. */
        public ServiceSkeleton build(SomeIpServer server, ServiceDiscovery discovery) {
            return build(server, discovery, skeleton -> { });
        }

        /** As {@link #build(SomeIpServer, ServiceDiscovery)}; {@code onClose} is told once when it closes. */
        public ServiceSkeleton build(SomeIpServer server, ServiceDiscovery discovery,
                                     Consumer<ServiceSkeleton> onClose) {
            return new ServiceSkeleton(this, server, discovery, onClose);
        }
    }
}
