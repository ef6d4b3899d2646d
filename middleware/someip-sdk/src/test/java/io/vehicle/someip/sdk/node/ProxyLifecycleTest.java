package io.vehicle.someip.sdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.EventExecutor;
import io.vehicle.someip.runtime.ServiceUnavailableException;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.sd.AvailabilityReason;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.service.Availability;
import io.vehicle.someip.sdk.service.ProxyOptions;
import io.vehicle.someip.sdk.service.Registration;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.TestPorts;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A proxy's life through real nodes on loopback: availability listeners that can be removed,
 * callbacks on the executor the application gives (and off the I/O threads by default), errors
 * as failed futures, nodes sharing one runtime, and closed proxies that their node forgets.
 */
class ProxyLifecycleTest {

    static final int SERVICE = 0x2101;
    static final int METHOD = 0x0001;
    static final int GROUP = 0x0001;
    static final int EVENT = 0x8001;

    static NodeConfig node(String address, int slot) {
        return NodeConfig.defaults().withUnicast(address).withSd(TestPorts.sdPort(slot), SdTimings.fast());
    }

    /** A service whose method answers only when the test completes the request's future. */
    static ServiceSkeleton skeleton(SomeIpNode node, BlockingQueue<CompletableFuture<ByteBuf>> requests) {
        return node.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                .method(METHOD, request -> {
                    CompletableFuture<ByteBuf> answer = new CompletableFuture<>();
                    requests.add(answer);
                    return answer;
                })
                .event(EVENT, false, GROUP));
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        assertThat(value).as("within 10 s").isNotNull();
        return value;
    }

    static boolean isEventLoop(SomeIpRuntime runtime, Thread thread) {
        for (EventExecutor loop : runtime.group()) {
            if (loop.inEventLoop(thread)) {
                return true;
            }
        }
        return false;
    }

    @Test
    @DisplayName("feat_req_someipsd_14: availability listeners hear up and down with the reason; a closed "
            + "registration hears nothing more; a new one hears the current state")
    void availabilityListenerCanBeRemoved() throws Exception {
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1", 13));
             SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 13))) {
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
            BlockingQueue<Availability> removed = new LinkedBlockingQueue<>();
            BlockingQueue<Availability> kept = new LinkedBlockingQueue<>();
            Registration first = proxy.onAvailability(removed::add);
            proxy.onAvailability(kept::add);
            ServiceSkeleton skeleton = skeleton(provider, new LinkedBlockingQueue<>());
            skeleton.offer();

            Availability up = next(kept);
            assertThat(up.available()).isTrue();
            assertThat(up.reason()).isEqualTo(AvailabilityReason.OFFERED);
            assertThat(up.instance().serviceId()).isEqualTo(SERVICE);
            assertThat(up.service().udp()).isEqualTo(provider.server().udpAddress());
            assertThat(next(removed)).isEqualTo(up);

            first.close();
            first.close(); // idempotent
            skeleton.stopOffer();
            Availability down = next(kept);
            assertThat(down).isEqualTo(new Availability(up.instance(), false, AvailabilityReason.STOP_OFFER, null));
            skeleton.offer();
            assertThat(next(kept).available()).isTrue();
            // Listeners are told in registration order on one queue: the closed one would have come first.
            assertThat(removed).as("told after its registration closed").isEmpty();

            BlockingQueue<Availability> late = new LinkedBlockingQueue<>();
            proxy.onAvailability(late::add);
            Availability current = next(late);
            assertThat(current.available()).isTrue();
            assertThat(current.service()).isEqualTo(proxy.whenAvailable().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_431: the time of the last offer is empty before one, set by the first, moved "
            + "on by each cyclic renewal while up, and kept once the instance is down")
    void lastOfferFollowsTheOffers() throws Exception {
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1", 13));
             SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 13))) {
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
            assertThat(proxy.lastOffer()).as("before any offer").isEmpty();
            BlockingQueue<Availability> changes = new LinkedBlockingQueue<>();
            proxy.onAvailability(changes::add);
            Instant beforeOffer = Instant.now();
            ServiceSkeleton skeleton = skeleton(provider, new LinkedBlockingQueue<>());
            skeleton.offer();
            assertThat(next(changes).available()).isTrue();
            Instant first = proxy.lastOffer().orElseThrow();
            assertThat(first).as("the first offer").isAfterOrEqualTo(beforeOffer);

            // The provider repeats its offer every cyclic offer delay; each one the proxy hears moves the time on.
            Eventually.await("a renewed offer", () -> proxy.lastOffer().orElseThrow().isAfter(first));
            Instant renewed = proxy.lastOffer().orElseThrow();
            Eventually.await("another renewed offer", () -> proxy.lastOffer().orElseThrow().isAfter(renewed));

            skeleton.stopOffer();
            assertThat(next(changes).available()).isFalse();
            Instant last = proxy.lastOffer().orElseThrow();
            assertThat(last).as("kept while down").isAfterOrEqualTo(renewed);
        }
    }

    /** The threads that ran an availability listener, the acknowledgement, an event listener and a call's answer. */
    record Threads(Thread availability, Thread acknowledged, Thread event, Thread answer) {
    }

    static Threads observe(SomeIpNode provider, ServiceProxy proxy) throws Exception {
        BlockingQueue<CompletableFuture<ByteBuf>> requests = new LinkedBlockingQueue<>();
        ServiceSkeleton skeleton = skeleton(provider, requests);
        CompletableFuture<Thread> availability = new CompletableFuture<>();
        CompletableFuture<Thread> event = new CompletableFuture<>();
        proxy.onAvailability(change -> availability.complete(Thread.currentThread()));
        Subscription subscription = proxy.subscribe(GROUP, EVENT, message -> {
            message.release();
            event.complete(Thread.currentThread());
        });
        // Attached before the service is offered, so it runs where the future is completed.
        CompletableFuture<Thread> acknowledged = subscription.acknowledged().thenApply(v -> Thread.currentThread());
        skeleton.offer();
        Thread availabilityThread = availability.get(10, TimeUnit.SECONDS);
        Thread acknowledgedThread = acknowledged.get(10, TimeUnit.SECONDS);
        Eventually.await("the provider's subscriber table", () -> skeleton.subscriberCount(GROUP) == 1);
        skeleton.publish(EVENT, Unpooled.buffer(4).writeInt(1));
        Thread eventThread = event.get(10, TimeUnit.SECONDS);
        CompletableFuture<Thread> answer = proxy.call(METHOD, Unpooled.EMPTY_BUFFER, false)
                .thenApply(response -> {
                    response.release();
                    return Thread.currentThread();
                });
        next(requests).complete(Unpooled.buffer(1).writeByte(1)); // answered only now, after thenApply
        return new Threads(availabilityThread, acknowledgedThread, eventThread, answer.get(10, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("by default callbacks and answers run on the node's callback thread, never on an event loop")
    void callbacksRunOnTheNodesCallbackThreadByDefault() throws Exception {
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1", 13));
             SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 13))) {
            Threads threads = observe(provider, consumer.proxy(SERVICE, 1, 1));
            for (Thread thread : new Thread[] {threads.availability(), threads.acknowledged(), threads.event(),
                    threads.answer()}) {
                assertThat(thread.getName()).isEqualTo("someip-callbacks-" + consumer.config().name());
                assertThat(isEventLoop(consumer.runtime(), thread)).as("%s is an event loop", thread).isFalse();
            }
        }
    }

    @Test
    @DisplayName("a proxy's own executor runs its callbacks and completes its futures")
    void callbacksRunOnTheGivenExecutor() throws Exception {
        ExecutorService given = Executors.newFixedThreadPool(2, r -> new Thread(r, "given-callbacks"));
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1", 13));
             SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 13))) {
            Threads threads = observe(provider, consumer.proxy(SERVICE, 1, 1,
                    ProxyOptions.defaults().withCallbackExecutor(given)));
            assertThat(threads.availability().getName()).isEqualTo("given-callbacks");
            assertThat(threads.acknowledged().getName()).isEqualTo("given-callbacks");
            assertThat(threads.event().getName()).isEqualTo("given-callbacks");
            assertThat(threads.answer().getName()).isEqualTo("given-callbacks");
        } finally {
            given.shutdownNow();
        }
    }

    @Test
    @DisplayName("DIRECT callbacks: events and answers run on the I/O thread that received them")
    void directCallbacksRunOnTheIoThread() throws Exception {
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1", 13));
             SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 13))) {
            Threads threads = observe(provider, consumer.proxy(SERVICE, 1, 1,
                    ProxyOptions.defaults().withDirectCallbacks()));
            assertThat(isEventLoop(consumer.runtime(), threads.event())).isTrue();
            assertThat(isEventLoop(consumer.runtime(), threads.answer())).isTrue();
            assertThat(isEventLoop(consumer.runtime(), threads.acknowledged())).as("SD's loop").isTrue();
        }
    }

    @Test
    @DisplayName("errors are failed futures: calls and sends to an unavailable or closed proxy never throw")
    void errorsAreFailedFutures() throws Exception {
        try (SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 13))) {
            ServiceProxy proxy = consumer.proxy(0x2FFF, 1, 1);
            assertThat(Eventually.failure(proxy.call(METHOD, Unpooled.buffer(1).writeByte(1), false)))
                    .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("0x2FFF");
            assertThat(Eventually.failure(proxy.fireAndForget(METHOD, Unpooled.buffer(1).writeByte(1), true)))
                    .isInstanceOf(ServiceUnavailableException.class);
            CompletableFuture<?> found = proxy.whenAvailable();

            proxy.close();
            assertThat(Eventually.failure(found)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThat(Eventually.failure(proxy.call(METHOD, Unpooled.buffer(1).writeByte(1), false)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThat(Eventually.failure(proxy.subscribe(GROUP, EVENT, SomeIpMessage::release).acknowledged()))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(Eventually.failure(proxy.whenAvailable())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("two nodes on one runtime: closing one leaves the runtime and the other node working")
    void nodesShareOneRuntime() throws Exception {
        try (SomeIpRuntime shared = new SomeIpRuntime(2)) {
            BlockingQueue<CompletableFuture<ByteBuf>> requests = new LinkedBlockingQueue<>();
            try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1", 14), shared)) {
                skeleton(provider, requests).offer();
                assertThat(provider.runtime()).isSameAs(shared);

                SomeIpNode first = SomeIpNode.start(node("127.0.0.2", 14), shared);
                assertThat(first.runtime()).isSameAs(shared);
                assertThat(callThrough(first, requests)).isEqualTo(1);
                first.close();
                assertThat(shared.group().isShuttingDown()).as("the shared runtime after closing a node").isFalse();

                // The provider on the shared runtime still serves, a new node on it still finds and calls.
                try (SomeIpNode second = SomeIpNode.start(node("127.0.0.3", 14), NodeOptions.defaults()
                        .withRuntime(shared))) {
                    assertThat(callThrough(second, requests)).isEqualTo(1);
                }
            }
            assertThat(shared.group().isShuttingDown()).isFalse();
        }
    }

    /** Finds the service from {@code consumer}, calls its method and returns the answer's first byte. */
    static int callThrough(SomeIpNode consumer, BlockingQueue<CompletableFuture<ByteBuf>> requests)
            throws Exception {
        ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
        proxy.whenAvailable().get(10, TimeUnit.SECONDS);
        CompletableFuture<SomeIpMessage> answer = proxy.call(METHOD, Unpooled.EMPTY_BUFFER, true);
        next(requests).complete(Unpooled.buffer(1).writeByte(1));
        SomeIpMessage response = answer.get(10, TimeUnit.SECONDS);
        try {
            return response.payload().getByte(response.payload().readerIndex());
        } finally {
            response.release();
        }
    }

    @Test
    @DisplayName("a closed proxy or skeleton is released by its node at once")
    void closedProxiesAndSkeletonsAreReleased() {
        try (SomeIpNode node = SomeIpNode.start(node("127.0.0.2", 13))) {
            ServiceProxy proxy = node.proxy(SERVICE, 1, 1);
            assertThat(node.holds(proxy)).isTrue();
            proxy.close();
            assertThat(node.holds(proxy)).isFalse();
            proxy.close(); // idempotent

            ServiceSkeleton skeleton = skeleton(node, new LinkedBlockingQueue<>());
            assertThat(node.holds(skeleton)).isTrue();
            skeleton.close();
            assertThat(node.holds(skeleton)).isFalse();

            ServiceProxy[] many = new ServiceProxy[50];
            for (int i = 0; i < many.length; i++) {
                many[i] = node.proxy(0x3000 + i, 1, 1);
                many[i].close();
            }
            for (ServiceProxy closed : many) {
                assertThat(node.holds(closed)).isFalse();
            }
            ServiceProxy open = node.proxy(SERVICE, 1, 1);
            assertThat(node.holds(open)).as("an open proxy stays held").isTrue();
        }
    }
}
