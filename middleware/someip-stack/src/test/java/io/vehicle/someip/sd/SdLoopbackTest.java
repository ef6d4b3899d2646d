package io.vehicle.someip.sd;

import io.vehicle.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.runtime.SomeIpRuntime;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two SD nodes on two loopback addresses find each other over real multicast on lo. */
class SdLoopbackTest {

    static SomeIpRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new SomeIpRuntime(2);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    @DisplayName("feat_req_someipsd_27, feat_req_someipsd_428, feat_req_someipsd_613, feat_req_someipsd_831: an offer "
            + "multicast on loopback is found, subscribed and acknowledged, and its StopOffer takes it down")
    void findsSubscribesAndSeesStopOffer() throws Exception {
        int port = TestPorts.sdPort(8);
        try (SdNode server = SdNode.start(runtime, SdConfig.loopback("127.0.0.1", SdTimings.fast()).withPort(port));
             SdNode client = SdNode.start(runtime, SdConfig.loopback("127.0.0.2", SdTimings.fast()).withPort(port))) {
            InetSocketAddress endpoint = new InetSocketAddress("127.0.0.1", 40_001);
            CompletableFuture<Subscriber> subscribed = new CompletableFuture<>();
            server.discovery().offer(OfferedService.of(0x1001, 1, 1, 0, endpoint, null,
                    List.of(EventgroupConfig.unicast(1))), new SubscriberListener() {
                @Override
                public java.util.concurrent.CompletionStage<?> subscribed(OfferedService s, int group,
                                                                          Subscriber subscriber, boolean renewal) {
                    subscribed.complete(subscriber);
                    return ACK_NOW;
                }

                @Override
                public void unsubscribed(OfferedService s, int group, Subscriber subscriber) {
                }
            });
            CompletableFuture<RemoteService> up = new CompletableFuture<>();
            CompletableFuture<AvailabilityReason> down = new CompletableFuture<>();
            client.discovery().find(0x1001, 0xFFFF, 0xFF, new AvailabilityListener() {
                @Override
                public void available(RemoteService service) {
                    up.complete(service);
                }

                @Override
                public void unavailable(RemoteService service, AvailabilityReason reason) {
                    down.complete(reason);
                }
            });
            RemoteService found = up.get(10, TimeUnit.SECONDS);
            assertThat(found.udp()).isEqualTo(endpoint);
            assertThat(found.sdPeer()).isEqualTo(new InetSocketAddress("127.0.0.1", port));

            CompletableFuture<RemoteService> acked = new CompletableFuture<>();
            InetSocketAddress eventsTo = new InetSocketAddress("127.0.0.2", 40_002);
            client.discovery().subscribe(0x1001, 1, 1, 1, eventsTo, null, new SubscriptionListener() {
                @Override
                public void acked(RemoteService service, InetSocketAddress multicast) {
                    acked.complete(service);
                }

                @Override
                public void nacked(RemoteService service) {
                }
            });
            assertThat(acked.get(10, TimeUnit.SECONDS)).isEqualTo(found);
            assertThat(subscribed.get(10, TimeUnit.SECONDS).udp()).isEqualTo(eventsTo);

            server.discovery().stopOffer(new ServiceInstance(0x1001, 1));
            assertThat(down.get(10, TimeUnit.SECONDS)).isEqualTo(AvailabilityReason.STOP_OFFER);
        }
    }
}
