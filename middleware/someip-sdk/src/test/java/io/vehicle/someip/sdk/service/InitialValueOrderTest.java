package io.vehicle.someip.sdk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.Subscriber;
import io.vehicle.someip.sd.SubscriberListener;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.testing.TestPorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SD adds a new subscriber to the skeleton's table before its Ack goes out and asks for the initial
 * field values after it. A field change in between used to be notified to the new subscriber and then
 * sent again as the initial value: a bench (scapy, in the simulator's CI) saw the same cabin
 * temperature twice, the first copy before the Ack. SD's calls are made here in that order around a
 * change, and a real UDP socket is the subscriber.
 */
class InitialValueOrderTest {

    static final int SERVICE = 0x1103;
    static final int FIELD = 0x8001;
    static final int EVENT = 0x8002;
    static final int GROUP = 1;

    private SomeIpNode node;
    private ServiceSkeleton skeleton;
    private DatagramSocket bench;
    private Subscriber subscriber;

    @BeforeEach
    void provide() throws Exception {
        node = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1")
                .withSd(TestPorts.sdPort(13), SdTimings.fast()));
        skeleton = node.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                .field(FIELD, 0x0001, -1, null, Unpooled.buffer(4).writeInt(0), false, GROUP)
                .event(EVENT, false, GROUP));
        skeleton.offer();
        bench = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        bench.setSoTimeout(10_000);
        InetSocketAddress at = (InetSocketAddress) bench.getLocalSocketAddress();
        subscriber = new Subscriber(at, null, at);
    }

    @AfterEach
    void stop() {
        bench.close();
        node.close();
    }

    @Test
    @DisplayName("feat_req_someipsd_691, feat_req_someip_635: a field change between a new subscriber's entry and "
            + "its Ack reaches it once, as the initial value, and later changes follow")
    void changeBeforeTheAckArrivesOnceAsTheInitialValue() throws Exception {
        SubscriberListener sd = skeleton.subscriberListener();
        sd.subscribed(null, GROUP, subscriber, false);
        skeleton.setField(FIELD, Unpooled.buffer(4).writeInt(7));
        sd.acknowledged(null, GROUP, subscriber, true);
        skeleton.setField(FIELD, Unpooled.buffer(4).writeInt(8));

        assertThat(receiveUntil(FIELD, 8)).containsExactly("field 7", "field 8");
    }

    @Test
    @DisplayName("feat_req_someip_361, feat_req_someipsd_833: events (not fields) reach a new subscriber at once and are "
            + "never sent as initial values")
    void eventsAreNotHeldBack() throws Exception {
        SubscriberListener sd = skeleton.subscriberListener();
        sd.subscribed(null, GROUP, subscriber, false);
        skeleton.publish(EVENT, Unpooled.buffer(4).writeInt(5));
        sd.acknowledged(null, GROUP, subscriber, true);
        skeleton.setField(FIELD, Unpooled.buffer(4).writeInt(9));

        assertThat(receiveUntil(FIELD, 9)).containsExactly("event 5", "field 0", "field 9");
    }

    @Test
    @DisplayName("feat_req_someipsd_1194: a renewal without initial data keeps receiving changes, none twice")
    void renewalIsNotHeldBack() throws Exception {
        SubscriberListener sd = skeleton.subscriberListener();
        sd.subscribed(null, GROUP, subscriber, false);
        sd.acknowledged(null, GROUP, subscriber, true);
        sd.subscribed(null, GROUP, subscriber, true);
        skeleton.setField(FIELD, Unpooled.buffer(4).writeInt(3));
        sd.acknowledged(null, GROUP, subscriber, false);
        skeleton.setField(FIELD, Unpooled.buffer(4).writeInt(4));

        assertThat(receiveUntil(FIELD, 4)).containsExactly("field 0", "field 3", "field 4");
    }

    /** What the bench socket receives ("field 7", "event 5"), up to and including the given field value. */
    private List<String> receiveUntil(int eventId, int value) throws Exception {
        List<String> seen = new ArrayList<>();
        byte[] buffer = new byte[1500];
        while (!seen.contains("field " + value)) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            bench.receive(packet);
            ByteBuffer message = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
            int id = message.getShort(2) & 0xFFFF;
            assertThat(message.getShort(0) & 0xFFFF).isEqualTo(SERVICE);
            seen.add((id == eventId ? "field " : id == EVENT ? "event " : "id " + id + " ") + message.getInt(16));
        }
        return seen;
    }
}
