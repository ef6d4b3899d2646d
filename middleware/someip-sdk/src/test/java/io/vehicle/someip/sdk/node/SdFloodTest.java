package io.vehicle.someip.sdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.sd.SdConfig;
import io.vehicle.someip.sd.SdNode;
import io.vehicle.someip.sd.SdRefusal;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.Ipv4SdEndpointOption;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdCodec;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.SdOption;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.TransportProtocol;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.transport.MulticastInterfaces;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import io.vehicle.testing.Await;
import io.vehicle.testing.TestPorts;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile SD traffic against a live provider while a real consumer stays subscribed: a known number
 * of each kind of bad datagram (garbage, SOME/IP that is not SD, malformed SD, senders, endpoints
 * and offers the provider must refuse), to the unicast SD socket and to the multicast group. The
 * subscription and its events must survive, each datagram must be counted exactly once under the
 * reason of its kind, and nothing may leak.
 */
class SdFloodTest {

    static final int SERVICE = 0x5151;
    static final int EVENT = 0x8001;
    static final int PER_KIND = 1_250;
    /** Sent between two checks that everything sent so far was counted: well below a socket buffer. */
    static final int ROUND = 40;

    /** The kinds of hostile datagram, each refused for one reason. */
    enum Hostile {
        /** 1..15 random bytes: not even a SOME/IP header. */
        SHORT_GARBAGE,
        /** Random bytes whose Length field points past the end of the datagram. */
        LENGTH_PAST_END,
        /** A well-formed SOME/IP notification of another service, on the SD port. */
        NOT_SD,
        /** An SD offer whose entries array length points past the end of the message. */
        MALFORMED_SD,
        /** An SD offer whose SD Endpoint Option names a sender outside the allowed subnets. */
        SENDER_OUTSIDE,
        /** An offer of an endpoint outside the allowed subnets. */
        OFFER_OUTSIDE,
        /** A subscription naming an endpoint outside the allowed subnets. */
        SUBSCRIBE_OUTSIDE,
        /** An offer without any endpoint option. */
        OFFER_WITHOUT_ENDPOINT
    }

    @Test
    @DisplayName("feat_req_someipsd_1164, feat_req_someipsd_1220, feat_req_someipsd_1135, feat_req_someipsd_681, "
            + "feat_req_someipsd_102: 10,000 hostile SD datagrams do not break a live subscription; each is dropped "
            + "and counted once under its own reason")
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

            SdNode sd = provider.sd();
            Map<WireError, Long> wireBefore = sd.inboundErrors().snapshot();
            Map<SdRefusal, Long> refusedBefore = sd.refusals().snapshot();
            long malformedBefore = sd.malformedMessages();
            long rejectedBefore = provider.discovery().rejectedEndpoints();
            long countedBefore = sd.inboundErrors().total() + sd.refusals().total();

            Random random = new Random(0x5D);
            InetSocketAddress unicastSd = new InetSocketAddress("127.0.0.1", port);
            InetSocketAddress group = new InetSocketAddress(SdConfig.DEFAULT_GROUP, port);
            Hostile[] kinds = Hostile.values();
            int total = PER_KIND * kinds.length;
            try (MulticastSocket attacker = new MulticastSocket(new InetSocketAddress("127.0.0.9", 0))) {
                attacker.setNetworkInterface(MulticastInterfaces.of(InetAddress.getLoopbackAddress()));
                attacker.setTimeToLive(1);
                for (int i = 0; i < total; i++) {
                    byte[] datagram = hostile(kinds[i % kinds.length], random);
                    attacker.send(new DatagramPacket(datagram, datagram.length, i % 3 == 0 ? group : unicastSd));
                    int sent = i + 1;
                    if (sent % ROUND == 0 || sent == total) {
                        Await.until(sent + " hostile datagrams counted", Duration.ofSeconds(10),
                                () -> sd.inboundErrors().total() + sd.refusals().total() - countedBefore == sent);
                    }
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

            Map<WireError, Long> wire = new EnumMap<>(WireError.class);
            sd.inboundErrors().snapshot().forEach((error, n) -> wire.put(error, n - wireBefore.get(error)));
            Map<SdRefusal, Long> refused = new EnumMap<>(SdRefusal.class);
            sd.refusals().snapshot().forEach((reason, n) -> refused.put(reason, n - refusedBefore.get(reason)));
            Map<WireError, Long> expectedWire = new EnumMap<>(WireError.class);
            for (WireError error : WireError.values()) {
                expectedWire.put(error, 0L);
            }
            expectedWire.put(WireError.TRUNCATED_HEADER, (long) PER_KIND);
            expectedWire.put(WireError.LENGTH_BEYOND_DATAGRAM, (long) PER_KIND);
            assertThat(wire).as("wire errors by reason").isEqualTo(expectedWire);
            Map<SdRefusal, Long> expectedRefusals = new EnumMap<>(SdRefusal.class);
            for (SdRefusal reason : SdRefusal.values()) {
                expectedRefusals.put(reason, 0L);
            }
            expectedRefusals.putAll(Map.of(
                    SdRefusal.NOT_SD, (long) PER_KIND,
                    SdRefusal.MALFORMED_SD, (long) PER_KIND,
                    SdRefusal.SENDER_NOT_ALLOWED, (long) PER_KIND,
                    SdRefusal.ENDPOINT_NOT_ALLOWED, 2L * PER_KIND,
                    SdRefusal.OFFER_WITHOUT_ENDPOINT, (long) PER_KIND));
            assertThat(refused).as("SD refusals by reason").isEqualTo(expectedRefusals);
            assertThat(sd.malformedMessages() - malformedBefore).as("not SOME/IP, not SD, or malformed SD")
                    .isEqualTo(4L * PER_KIND);
            assertThat(provider.discovery().rejectedEndpoints() - rejectedBefore).as("entries refused for endpoints")
                    .isEqualTo(3L * PER_KIND);
        }
    }

    static byte[] hostile(Hostile kind, Random random) throws Exception {
        InetAddress inside = InetAddress.getByName("127.0.0.77");
        return switch (kind) {
            case SHORT_GARBAGE -> randomBytes(random, 1 + random.nextInt(15));
            case LENGTH_PAST_END -> {
                byte[] garbage = randomBytes(random, SomeIpCodec.HEADER_SIZE + random.nextInt(48));
                long length = garbage.length - 8 + 1 + random.nextInt(100_000);
                Unpooled.wrappedBuffer(garbage).setInt(SomeIpCodec.LENGTH_OFFSET, (int) length);
                yield garbage;
            }
            case NOT_SD -> someIp(SomeIpMessage.builder(random.nextInt(0xFFFF), 0x8000 + random.nextInt(0x7FFF),
                    MessageType.NOTIFICATION).payload(Unpooled.wrappedBuffer(randomBytes(random, random.nextInt(32))))
                    .build());
            case MALFORMED_SD -> {
                byte[] valid = sd(offer(random, inside), List.of());
                int entriesLengthAt = SomeIpCodec.HEADER_SIZE + 4; // after Flags and Reserved
                int remaining = valid.length - entriesLengthAt - 4;
                Unpooled.wrappedBuffer(valid).setInt(entriesLengthAt, remaining + 1 + random.nextInt(1 << 20));
                yield valid;
            }
            case SENDER_OUTSIDE -> sd(offer(random, inside), List.of(new Ipv4SdEndpointOption(
                    (Inet4Address) outside(random, "10.66.0."), TransportProtocol.UDP, 30_490)));
            case OFFER_OUTSIDE -> sd(offer(random, outside(random, "10.66.0.")), List.of());
            case SUBSCRIBE_OUTSIDE -> sdMessage(new SdMessage(false, true, false, List.of(new SubscribeEventgroup(
                    SERVICE, 1, 1, 3, false, 0, 1, List.of(new Ipv4EndpointOption(
                    (Inet4Address) outside(random, "192.168.66."), TransportProtocol.UDP, 40_000)))), List.of()));
            case OFFER_WITHOUT_ENDPOINT -> sdMessage(new SdMessage(false, true, false, List.of(new OfferService(
                    0x6000 + random.nextInt(16), 1, 1, 0, 3, List.of())), List.of()));
        };
    }

    static InetAddress outside(Random random, String prefix) throws Exception {
        return InetAddress.getByName(prefix + (1 + random.nextInt(250)));
    }

    static OfferService offer(Random random, InetAddress endpoint) {
        return new OfferService(0x6000 + random.nextInt(16), 1, 1, 0, 3,
                List.of(new Ipv4EndpointOption((Inet4Address) endpoint, TransportProtocol.UDP, 40_000)));
    }

    /** One offer in an SD message carrying {@code messageOptions} (such as an SD Endpoint Option). */
    static byte[] sd(OfferService offer, List<SdOption> messageOptions) {
        return sdMessage(new SdMessage(false, true, false, List.of(offer), messageOptions));
    }

    static byte[] sdMessage(SdMessage message) {
        return someIp(SdCodec.encodeMessage(message, 1, UnpooledByteBufAllocator.DEFAULT));
    }

    static byte[] someIp(SomeIpMessage message) {
        ByteBuf wire = SomeIpCodec.encode(message, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(wire);
        } finally {
            wire.release();
            message.release();
        }
    }

    static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
