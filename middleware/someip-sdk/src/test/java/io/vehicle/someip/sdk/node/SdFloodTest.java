package io.vehicle.someip.sdk.node;

import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.SdConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdCodec;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.TransportProtocol;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.TestPorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile SD traffic against a live provider while a real consumer stays subscribed: random and
 * mutated SD messages, forged offers and subscriptions naming endpoints outside the allowed
 * subnets, to the unicast SD socket and to the multicast group. The subscription and its events
 * must survive, the garbage must be counted, and nothing may leak.
 */
class SdFloodTest {

    static final int SERVICE = 0x5151;
    static final int EVENT = 0x8001;
    static final int PACKETS = 10_000;

    @Test
    @DisplayName("feat_req_someipsd_1164, feat_req_someipsd_1135, feat_req_someipsd_102: 10,000 hostile SD "
            + "datagrams do not break a live subscription; they are counted and dropped")
    void hostileSdTrafficLeavesTheSubscriptionAlive() throws Exception {
        int port = TestPorts.sdPort(9);
        NodeConfig base = NodeConfig.defaults();
        BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
        try (SomeIpNode provider = SomeIpNode.start(base.withUnicast("127.0.0.1").withSd(port, SdTimings.fast()));
             SomeIpNode consumer = SomeIpNode.start(base.withUnicast("127.0.0.2").withSd(port, SdTimings.fast()))) {
            ServiceSkeleton skeleton = provider.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                    .event(EVENT, false, 1));
            skeleton.offer();
            ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
            proxy.subscribe(1, EVENT, m -> {
                events.add(m.payload().getInt(m.payload().readerIndex()));
                m.release();
            }).acknowledged().get(10, TimeUnit.SECONDS);

            Random random = new Random(0x5D);
            InetSocketAddress unicastSd = new InetSocketAddress("127.0.0.1", port);
            InetSocketAddress group = new InetSocketAddress(SdConfig.DEFAULT_GROUP, port);
            long malformedBefore = provider.sd().malformedMessages();
            long rejectedBefore = provider.discovery().rejectedEndpoints();
            try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.0.9", 0))) {
                for (int i = 0; i < PACKETS; i++) {
                    byte[] datagram = hostile(random, i);
                    attacker.send(new DatagramPacket(datagram, datagram.length, i % 3 == 0 ? group : unicastSd));
                    if (i % 500 == 0) {
                        // The subscription keeps delivering in the middle of the flood.
                        skeleton.publish(EVENT, Unpooled.buffer(4).writeInt(i));
                        assertThat(events.poll(5, TimeUnit.SECONDS)).as("event %d during the flood", i).isEqualTo(i);
                    }
                }
            }
            skeleton.publish(EVENT, Unpooled.buffer(4).writeInt(-1));
            assertThat(events.poll(5, TimeUnit.SECONDS)).as("event after the flood").isEqualTo(-1);
            assertThat(proxy.isAvailable()).isTrue();
            assertThat(skeleton.subscriberCount(1)).isEqualTo(1);
            assertThat(provider.sd().malformedMessages()).as("garbage counted").isGreaterThan(malformedBefore);
            assertThat(provider.discovery().rejectedEndpoints()).as("forged endpoints counted")
                    .isGreaterThan(rejectedBefore);
        }
    }

    /** A mix of garbage, mutated SD messages and well-formed forgeries naming endpoints off limits. */
    static byte[] hostile(Random random, int i) throws Exception {
        switch (i % 5) {
            case 0 -> {
                byte[] garbage = new byte[random.nextInt(64)];
                random.nextBytes(garbage);
                return garbage;
            }
            case 1, 2 -> {
                byte[] valid = encode(forgedOffer(random, InetAddress.getByName("127.0.0.77")));
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    int at = 12 + random.nextInt(valid.length - 12); // keep the SD header so it reaches the codec
                    valid[at] = (byte) random.nextInt(256);
                }
                return random.nextBoolean() ? valid : java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            }
            case 3 -> {
                // Endpoints outside 127.0.0.0/8: ignored and counted.
                return encode(forgedOffer(random, InetAddress.getByName("10.66.0." + (1 + random.nextInt(250)))));
            }
            default -> {
                InetSocketAddress outside = new InetSocketAddress("192.168.66." + (1 + random.nextInt(250)), 40_000);
                return encode(new SdMessage(false, true, false, List.of(new SubscribeEventgroup(SERVICE, 1, 1, 3,
                        false, 0, 1, List.of(new Ipv4EndpointOption((Inet4Address) outside.getAddress(),
                        TransportProtocol.UDP, outside.getPort())))), List.of()));
            }
        }
    }

    static SdMessage forgedOffer(Random random, InetAddress endpoint) {
        return new SdMessage(false, true, false, List.of(new OfferService(0x6000 + random.nextInt(16), 1, 1, 0, 3,
                List.of(new Ipv4EndpointOption((Inet4Address) endpoint, TransportProtocol.UDP, 40_000)))), List.of());
    }

    static byte[] encode(SdMessage message) {
        SomeIpMessage someIp = SdCodec.encodeMessage(message, 1, UnpooledByteBufAllocator.DEFAULT);
        ByteBuf wire = SomeIpCodec.encode(someIp, UnpooledByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[wire.readableBytes()];
            wire.readBytes(bytes);
            return bytes;
        } finally {
            wire.release();
            someIp.release();
        }
    }
}
