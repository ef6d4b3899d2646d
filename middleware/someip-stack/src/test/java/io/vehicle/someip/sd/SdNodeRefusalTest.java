package io.vehicle.someip.sd;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.Ipv4SdEndpointOption;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdCodec;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.TransportProtocol;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import io.vehicle.testing.Await;
import io.vehicle.testing.TestPorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What an SD node's sockets refuse, each kind under its own reason, counted once. */
class SdNodeRefusalTest {

    static SomeIpRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new SomeIpRuntime(1);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    @DisplayName("feat_req_someipsd_26, feat_req_someipsd_1220, feat_req_someipsd_1164, feat_req_someipsd_1135: "
            + "non-SOME/IP input, non-SD messages, malformed SD and SD senders outside the allowed subnets are "
            + "each counted once under their own reason")
    void eachRefusalHasItsOwnReason() throws Exception {
        int port = TestPorts.sdPort(10);
        try (SdNode node = SdNode.start(runtime, SdConfig.loopback("127.0.0.1", SdTimings.fast()).withPort(port));
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.9", 0))) {
            InetSocketAddress to = node.address();
            send(peer, to, new byte[] {1, 2, 3, 4, 5});                             // not even a SOME/IP header
            send(peer, to, someIp(SomeIpMessage.builder(0x1234, 0x8001, MessageType.NOTIFICATION)
                    .payload(Unpooled.wrappedBuffer(new byte[4])).build()));         // SOME/IP, not SD
            send(peer, to, entriesLengthPastTheEnd(sd(offer(), List.of())));        // SD arrays do not fit
            send(peer, to, someIp(SomeIpMessage.builder(SdCodec.SERVICE_ID, SdCodec.METHOD_ID, MessageType.REQUEST)
                    .payload(Unpooled.wrappedBuffer(new byte[12])).build()));        // SD ids, wrong message type
            send(peer, to, sd(offer(), List.of(new Ipv4SdEndpointOption(
                    (Inet4Address) Inet4Address.getByName("10.66.0.1"), TransportProtocol.UDP, port))));
            // Inside the subnets, but another node than the source: no one may speak for another node.
            send(peer, to, sd(offer(), List.of(new Ipv4SdEndpointOption(
                    (Inet4Address) Inet4Address.getByName("127.0.0.5"), TransportProtocol.UDP, port))));

            Await.until("six refusals counted", Duration.ofSeconds(10),
                    () -> node.inboundErrors().total() + node.refusals().total() == 6);
            assertThat(node.inboundErrors().snapshot()).as("wire errors").containsEntry(WireError.TRUNCATED_HEADER, 1L)
                    .containsEntry(WireError.UNKNOWN_MESSAGE_TYPE, 0L);
            assertThat(node.inboundErrors().total()).isEqualTo(1);
            Map<SdRefusal, Long> expected = new EnumMap<>(SdRefusal.class);
            for (SdRefusal reason : SdRefusal.values()) {
                expected.put(reason, 0L);
            }
            expected.putAll(Map.of(SdRefusal.NOT_SD, 1L, SdRefusal.MALFORMED_SD, 2L, SdRefusal.SENDER_NOT_ALLOWED, 1L,
                    SdRefusal.SD_ENDPOINT_NOT_SOURCE, 1L));
            assertThat(node.refusals().snapshot()).isEqualTo(expected);
            assertThat(node.malformedMessages()).as("each malformed datagram once").isEqualTo(4);
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_1084: an SD Endpoint Option that names the datagram's own source is used as is; "
            + "one naming another node is believed only where the configuration trusts it")
    void sdEndpointOptionNamingTheSourceIsUsed() throws Exception {
        int port = TestPorts.sdPort(10);
        SdConfig base = SdConfig.loopback("127.0.0.1", SdTimings.fast()).withPort(port);
        SdConfig trusting = new SdConfig(base.unicastAddress(), port, base.multicastGroup(), base.timings(),
                base.allowedSubnets(), null, new SdTrust(true, true, List.of()));
        for (SdConfig config : List.of(base, trusting)) {
            boolean trusted = config.trust().sdEndpointOptionTrusted();
            try (SdNode node = SdNode.start(runtime, config);
                 DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.9", 0))) {
                List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
                node.discovery().find(0x4711, 0xFFFF, 1, new AvailabilityListener() {
                    @Override
                    public void available(RemoteService service) {
                        seen.add(service.sdPeer().toString());
                    }

                    @Override
                    public void unavailable(RemoteService service, AvailabilityReason reason) {
                    }
                });
                InetSocketAddress source = (InetSocketAddress) peer.getLocalSocketAddress();
                send(peer, node.address(), sd(new OfferService(0x4711, 2, 1, 0, 3, List.of(new Ipv4EndpointOption(
                        (Inet4Address) Inet4Address.getByName("127.0.0.7"), TransportProtocol.UDP, 40_000))),
                        List.of(new Ipv4SdEndpointOption((Inet4Address) Inet4Address.getByName("127.0.0.7"),
                                TransportProtocol.UDP, 30_490))));
                send(peer, node.address(), sd(offer(), List.of(new Ipv4SdEndpointOption(
                        (Inet4Address) source.getAddress(), TransportProtocol.UDP, source.getPort()))));
                Await.until("the offer naming its source is taken", Duration.ofSeconds(10), () -> !seen.isEmpty()
                        && (!trusted || seen.size() == 2));
                assertThat(node.refusals().count(SdRefusal.SD_ENDPOINT_NOT_SOURCE)).isEqualTo(trusted ? 0 : 1);
                assertThat(seen).contains(source.toString());
                if (trusted) {
                    assertThat(seen).contains(new InetSocketAddress("127.0.0.7", 30_490).toString());
                }
            }
        }
    }

    static OfferService offer() throws Exception {
        return new OfferService(0x4711, 1, 1, 0, 3, List.of(new Ipv4EndpointOption(
                (Inet4Address) Inet4Address.getByName("127.0.0.9"), TransportProtocol.UDP, 40_000)));
    }

    static byte[] sd(OfferService offer, List<Ipv4SdEndpointOption> messageOptions) {
        return someIp(SdCodec.encodeMessage(new SdMessage(false, true, false, List.of(offer),
                List.copyOf(messageOptions)), 1, UnpooledByteBufAllocator.DEFAULT));
    }

    /** The entries array's length field (after Flags and Reserved) pointing past the end of the message. */
    static byte[] entriesLengthPastTheEnd(byte[] sdMessage) {
        int at = SomeIpCodec.HEADER_SIZE + 4;
        Unpooled.wrappedBuffer(sdMessage).setInt(at, sdMessage.length);
        return sdMessage;
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

    static void send(DatagramSocket socket, InetSocketAddress to, byte[] datagram) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }
}
