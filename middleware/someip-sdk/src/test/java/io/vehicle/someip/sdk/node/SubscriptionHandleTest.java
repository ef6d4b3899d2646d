package io.vehicle.someip.sdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.ServiceInstance;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sdk.service.ProxyOptions;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.someip.sdk.service.SubscriptionRefusedException;
import io.vehicle.someip.sdk.service.SubscriptionTimeoutException;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.TestPorts;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Subscription} handle promises, through real nodes on loopback: acknowledged()
 * completes on the Ack, fails on a Nack or when nobody answers in time, and a closed handle's
 * listener is never called again while the last one of an eventgroup sends StopSubscribe.
 */
class SubscriptionHandleTest {

    static final int SERVICE = 0x2001;
    static final int GROUP = 0x0001;
    static final int EVENT = 0x8001;
    static final int OTHER_EVENT = 0x8002;

    static NodeConfig node(String address, int slot) {
        return NodeConfig.defaults().withUnicast(address).withSd(TestPorts.sdPort(slot), SdTimings.fast());
    }

    static ServiceSkeleton offer(SomeIpNode node) {
        ServiceSkeleton skeleton = node.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                .event(EVENT, false, GROUP).event(OTHER_EVENT, false, GROUP));
        skeleton.offer();
        return skeleton;
    }

    @Test
    @DisplayName("feat_req_someipsd_618: a Nack fails acknowledged() with SubscriptionRefusedException naming "
            + "service, instance and eventgroup; later subscriptions to it learn the refusal")
    void nackFailsTheAcknowledgement() throws Exception {
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1", 10));
             SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 10))) {
            offer(provider);
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
            Subscription offered = proxy.subscribe(GROUP, EVENT, SomeIpMessage::release);
            // The service has no eventgroup 0x77: its provider's SD refuses the subscription.
            Subscription refused = proxy.subscribe(0x77, 0x8077, SomeIpMessage::release);

            offered.acknowledged().get(10, TimeUnit.SECONDS);
            Throwable failure = Eventually.failure(refused.acknowledged());
            assertThat(failure).isInstanceOf(SubscriptionRefusedException.class)
                    .hasMessageContaining("0x2001.0x0001").hasMessageContaining("eventgroup 0x0077");
            SubscriptionRefusedException nack = (SubscriptionRefusedException) failure;
            assertThat(nack.instance()).isEqualTo(new ServiceInstance(SERVICE, 1));
            assertThat(nack.eventgroupId()).isEqualTo(0x77);

            // The refusal stands (the provider repeats it to every Subscribe): a new subscription learns it.
            Subscription again = proxy.subscribe(0x77, 0x8078, SomeIpMessage::release);
            assertThat(Eventually.failure(again.acknowledged())).isInstanceOf(SubscriptionRefusedException.class)
                    .hasMessage(failure.getMessage());
        }
    }

    @Test
    @DisplayName("a provider that offers but never answers the Subscribe: acknowledged() fails with "
            + "SubscriptionTimeoutException after the configured timeout")
    void unansweredSubscribeTimesOut() throws Exception {
        Duration timeout = Duration.ofMillis(300);
        try (SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 11));
             SilentSdPeer silent = new SilentSdPeer("127.0.0.9")) {
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1,
                    ProxyOptions.defaults().withSubscriptionTimeout(timeout));
            silent.offer(consumer.sd().address(), SERVICE, 1, 1);
            assertThat(proxy.whenAvailable().get(10, TimeUnit.SECONDS).sdPeer().getAddress())
                    .isEqualTo(silent.address());

            Subscription subscription = proxy.subscribe(GROUP, EVENT, SomeIpMessage::release);
            SubscribeEventgroup sent = silent.awaitSubscribe();
            assertThat(sent.serviceId()).isEqualTo(SERVICE);
            assertThat(sent.eventgroupId()).isEqualTo(GROUP);

            Throwable failure = Eventually.failure(subscription.acknowledged());
            assertThat(failure).isInstanceOf(SubscriptionTimeoutException.class)
                    .hasMessageContaining("eventgroup 0x0001").hasMessageContaining("within 300 ms")
                    .hasMessageContaining("did not answer");
            SubscriptionTimeoutException timedOut = (SubscriptionTimeoutException) failure;
            assertThat(timedOut.serviceAvailable()).isTrue();
            assertThat(timedOut.instance()).isEqualTo(new ServiceInstance(SERVICE, 1));
            assertThat(subscription.acknowledged()).isCompletedExceptionally();
        }
    }

    @Test
    @DisplayName("a service nobody offers: acknowledged() fails with the timeout too, saying it was not offered")
    void subscriptionToAnAbsentServiceTimesOut() throws Exception {
        try (SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 11))) {
            ServiceProxy proxy = consumer.proxy(0x2FFF, 1, 1,
                    ProxyOptions.defaults().withSubscriptionTimeout(Duration.ofMillis(200)));
            Throwable failure = Eventually.failure(proxy.subscribe(GROUP, EVENT, SomeIpMessage::release).acknowledged());
            assertThat(failure).isInstanceOf(SubscriptionTimeoutException.class).hasMessageContaining("not offered");
            assertThat(((SubscriptionTimeoutException) failure).serviceAvailable()).isFalse();
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_332: a closed subscription's listener is not called, not even for events "
            + "already queued; StopSubscribe goes out when the eventgroup's last subscription closes")
    void closedSubscriptionIsSilentAndTheLastOneUnsubscribes() throws Exception {
        ExecutorService application = Executors.newSingleThreadExecutor(r -> new Thread(r, "application"));
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1", 12));
             SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 12))) {
            ServiceSkeleton skeleton = offer(provider);
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1,
                    ProxyOptions.defaults().withCallbackExecutor(application));
            AtomicInteger closedCalls = new AtomicInteger();
            BlockingQueue<Integer> kept = new LinkedBlockingQueue<>();
            Subscription toClose = proxy.subscribe(GROUP, EVENT, m -> {
                closedCalls.incrementAndGet();
                m.release();
            });
            Subscription other = proxy.subscribe(GROUP, OTHER_EVENT, m -> {
                kept.add(m.payload().getInt(m.payload().readerIndex()));
                m.release();
            });
            CompletableFuture.allOf(toClose.acknowledged(), other.acknowledged()).get(10, TimeUnit.SECONDS);
            Eventually.await("the provider's subscriber table", () -> skeleton.subscriberCount(GROUP) == 1);

            // Hold the application's thread, so the events below wait in the proxy's queue.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            application.execute(() -> {
                holding.countDown();
                await(release);
            });
            holding.await(10, TimeUnit.SECONDS);
            int events = 20;
            for (int i = 0; i < events; i++) {
                skeleton.publish(EVENT, Unpooled.buffer(4).writeInt(i));
            }
            Eventually.await("the events queued for the listener", () -> proxy.queuedCallbacks() >= events);
            toClose.close();
            toClose.close(); // idempotent
            release.countDown();
            Eventually.await("the queue drained", () -> proxy.queuedCallbacks() == 0);
            application.submit(() -> { }).get(10, TimeUnit.SECONDS); // whatever was running has finished
            assertThat(closedCalls).as("calls after close").hasValue(0);
            assertThat(toClose.acknowledged()).as("acknowledged before the close, and stays so").isCompleted();

            // The eventgroup still has a subscription: no StopSubscribe, its events still flow.
            skeleton.publish(OTHER_EVENT, Unpooled.buffer(4).writeInt(7));
            assertThat(kept.poll(10, TimeUnit.SECONDS)).isEqualTo(7);
            assertThat(skeleton.subscriberCount(GROUP)).isEqualTo(1);

            // The last one closes: StopSubscribeEventgroup reaches the provider, which drops us.
            other.close();
            Eventually.await("the provider dropped the subscriber", () -> skeleton.subscriberCount(GROUP) == 0);
            assertThat(proxy.isAvailable()).isTrue();
        } finally {
            application.shutdownNow();
        }
    }

    @Test
    @DisplayName("a subscription closed before any answer: acknowledged() is cancelled, never left open")
    void closingBeforeTheAnswerCancelsTheAcknowledgement() {
        try (SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2", 11))) {
            ServiceProxy proxy = consumer.proxy(0x2FFF, 1, 1);
            Subscription subscription = proxy.subscribe(GROUP, EVENT, SomeIpMessage::release);
            assertThat(subscription.acknowledged()).isNotDone();
            subscription.close();
            assertThat(subscription.acknowledged()).isCancelled();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
