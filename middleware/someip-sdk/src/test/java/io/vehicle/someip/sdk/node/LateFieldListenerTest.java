package io.vehicle.someip.sdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.TestPorts;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two fields in one eventgroup; a consumer listens to the first, and once that subscription is
 * acknowledged (its initial values came and went) it starts listening to the second. No new
 * SubscribeEventgroup is needed for the eventgroup, but the second listener still needs the field's
 * current value, as it would have had as the first listener (feat_req_someipsd_691).
 */
class LateFieldListenerTest {

    static final int SERVICE = 0x2002;
    static final int GROUP = 1;
    static final int FIRST = 0x8001;
    static final int SECOND = 0x8002;

    @Test
    @DisplayName("feat_req_someipsd_691: a listener of a field that joins an acknowledged eventgroup subscription "
            + "gets the field's current value")
    void secondFieldOfAnAcknowledgedEventgroup() throws Exception {
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1"));
             SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2"))) {
            ServiceSkeleton skeleton = provider.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                    .field(FIRST, 0x0001, -1, null, Unpooled.buffer(4).writeInt(11), false, GROUP)
                    .field(SECOND, 0x0002, -1, null, Unpooled.buffer(4).writeInt(22), false, GROUP));
            skeleton.offer();
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
            BlockingQueue<Integer> first = new LinkedBlockingQueue<>();
            Subscription one = proxy.subscribeField(GROUP, FIRST, into(first));
            one.acknowledged().get(10, TimeUnit.SECONDS);
            assertThat(first.poll(10, TimeUnit.SECONDS)).isEqualTo(11);
            // A change sent after the initial values: once it is here, the second field's initial value,
            // sent before it on the same socket, has come and found nobody listening.
            skeleton.setField(FIRST, Unpooled.buffer(4).writeInt(12));
            assertThat(first.poll(10, TimeUnit.SECONDS)).isEqualTo(12);

            BlockingQueue<Integer> second = new LinkedBlockingQueue<>();
            Subscription two = proxy.subscribeField(GROUP, SECOND, into(second));
            two.acknowledged().get(10, TimeUnit.SECONDS);
            assertThat(second.poll(10, TimeUnit.SECONDS)).as("the second field's current value").isEqualTo(22);

            skeleton.setField(SECOND, Unpooled.buffer(4).writeInt(23));
            assertThat(second.poll(10, TimeUnit.SECONDS)).isEqualTo(23);
            skeleton.setField(FIRST, Unpooled.buffer(4).writeInt(13));
            assertThat(first.poll(10, TimeUnit.SECONDS)).as("the first listener, after the second joined")
                    .isEqualTo(13);
            assertThat(second).as("the current value came once").isEmpty();
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_691: giving up one eventgroup keeps the current values of another one's fields")
    void otherEventgroupKeepsItsValues() throws Exception {
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1"));
             SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2"))) {
            ServiceSkeleton skeleton = provider.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                    .field(FIRST, 0x0001, -1, null, Unpooled.buffer(4).writeInt(11), false, GROUP)
                    .field(SECOND, 0x0002, -1, null, Unpooled.buffer(4).writeInt(22), false, GROUP + 1));
            skeleton.offer();
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
            BlockingQueue<Integer> first = new LinkedBlockingQueue<>();
            BlockingQueue<Integer> second = new LinkedBlockingQueue<>();
            Subscription one = proxy.subscribeField(GROUP, FIRST, into(first));
            proxy.subscribeField(GROUP + 1, SECOND, into(second)).acknowledged().get(10, TimeUnit.SECONDS);
            one.acknowledged().get(10, TimeUnit.SECONDS);
            assertThat(first.poll(10, TimeUnit.SECONDS)).isEqualTo(11);
            assertThat(second.poll(10, TimeUnit.SECONDS)).isEqualTo(22);

            one.close(); // the first eventgroup is given up
            BlockingQueue<Integer> late = new LinkedBlockingQueue<>();
            proxy.subscribeField(GROUP + 1, SECOND, into(late));
            assertThat(late.poll(10, TimeUnit.SECONDS)).as("the second field's current value").isEqualTo(22);
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_833: a listener of an event joining later gets no replay (an event is not state)")
    void eventsAreNotReplayed() throws Exception {
        try (SomeIpNode provider = SomeIpNode.start(node("127.0.0.1"));
             SomeIpNode consumer = SomeIpNode.start(node("127.0.0.2"))) {
            ServiceSkeleton skeleton = provider.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                    .event(FIRST, false, GROUP).event(SECOND, false, GROUP));
            skeleton.offer();
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
            BlockingQueue<Integer> early = new LinkedBlockingQueue<>();
            proxy.subscribe(GROUP, FIRST, into(early)).acknowledged().get(10, TimeUnit.SECONDS);
            skeleton.publish(FIRST, Unpooled.buffer(4).writeInt(1));
            assertThat(early.poll(10, TimeUnit.SECONDS)).isEqualTo(1);

            BlockingQueue<Integer> late = new LinkedBlockingQueue<>();
            proxy.subscribe(GROUP, FIRST, into(late)).acknowledged().get(10, TimeUnit.SECONDS);
            skeleton.publish(FIRST, Unpooled.buffer(4).writeInt(2));
            assertThat(late.poll(10, TimeUnit.SECONDS)).as("the next event, not the one before it joined").isEqualTo(2);
            assertThat(early.poll(10, TimeUnit.SECONDS)).isEqualTo(2);
        }
    }

    static NodeConfig node(String address) {
        return NodeConfig.defaults().withUnicast(address).withSd(TestPorts.sdPort(14), SdTimings.fast());
    }

    static Consumer<SomeIpMessage> into(BlockingQueue<Integer> values) {
        return message -> {
            try {
                values.add(message.payload().getInt(message.payload().readerIndex()));
            } finally {
                message.release();
            }
        };
    }
}
