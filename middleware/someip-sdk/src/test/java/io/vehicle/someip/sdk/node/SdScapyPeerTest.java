package io.vehicle.someip.sdk.node;

import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.SdConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.TestPorts;
import io.vehicle.testing.ToolProcess;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * scapy (testing/src/main/python/sd_peer.py) as an independent SOME/IP-SD peer of our stack over
 * real sockets on loopback: it finds our service, subscribes to our eventgroup, and offers a
 * service our ServiceProxy finds and subscribes to. Every message scapy sends is built and every
 * message it receives is parsed by scapy's own SD classes. Our SD uses a test-specific port.
 */
class SdScapyPeerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int SD_PORT = TestPorts.sdPort(1);
    static final String GROUP = SdConfig.DEFAULT_GROUP;
    static final String OURS = "127.0.0.5";
    static final String SCAPY = "127.0.0.6";
    static final int SERVICE = 0x5A5A;
    static final int INSTANCE = 3;
    static final int MAJOR = 2;
    static final int MINOR = 9;
    static final int EVENTGROUP = 0x0010;
    static final int EVENT = 0x8011;
    static final int FIELD = 0x8012;

    @BeforeEach
    void scapyPresent() {
        ExternalTools.requireScapy();
    }

    static ToolProcess scapy(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalTools.PYTHON, "-u",
                ExternalTools.PYTHON_SCRIPTS.resolve("sd_peer.py").toString()));
        command.addAll(List.of(args));
        return ToolProcess.start(command, ExternalTools.PYTHON_SCRIPTS);
    }

    /** The next stdout line of scapy that is a JSON object with the given key; returns that key's value. */
    static JsonNode await(ToolProcess scapy, String key, long seconds) throws Exception {
        return awaitLine(scapy, key, seconds).get(key);
    }

    /** The whole next JSON line of scapy that has the given key. */
    static JsonNode awaitLine(ToolProcess scapy, String key, long seconds) throws Exception {
        return parse(scapy.awaitStdout(l -> l.startsWith("{") && parse(l).has(key), seconds, "'" + key + "' from scapy"));
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    static NodeConfig node(String address, SdTimings timings) {
        return NodeConfig.defaults().withUnicast(address).withSd(SD_PORT, timings);
    }

    static ServiceSkeleton offerService(SomeIpNode node) {
        ServiceSkeleton skeleton = node.skeleton(ServiceSkeleton.builder(SERVICE, INSTANCE, MAJOR, MINOR)
                .event(EVENT, false, EVENTGROUP)
                .field(FIELD, 0x0001, -1, null, Unpooled.buffer(4).writeInt(0xCAFE), false, EVENTGROUP));
        skeleton.offer();
        return skeleton;
    }

    /** The SOME/IP and SD header fields every SD message of ours must carry. */
    static void assertSdHeader(JsonNode message, String what) {
        JsonNode header = message.get("header");
        assertThat(header.get("serviceId").asInt()).as(what + " service id").isEqualTo(0xFFFF);
        assertThat(header.get("methodId").asInt()).as(what + " method id").isEqualTo(0x8100);
        assertThat(header.get("clientId").asInt()).as(what + " client id").isZero();
        assertThat(header.get("protocolVersion").asInt()).as(what + " protocol version").isEqualTo(1);
        assertThat(header.get("interfaceVersion").asInt()).as(what + " interface version").isEqualTo(1);
        assertThat(header.get("messageType").asInt()).as(what + " message type").isEqualTo(0x02);
        assertThat(header.get("returnCode").asInt()).as(what + " return code").isZero();
        assertThat(message.get("reboot").asBoolean()).as(what + " reboot flag").isTrue();
        assertThat(message.get("unicast").asBoolean()).as(what + " unicast flag").isTrue();
        assertThat(message.get("explicitInitialDataControl").asBoolean()).as(what + " undefined flag").isFalse();
    }

    static void assertOffer(JsonNode message, ServiceSkeleton skeleton, String what) {
        assertSdHeader(message, what);
        assertThat(message.get("source").asText()).isEqualTo(OURS + ":" + SD_PORT);
        assertThat(message.get("entries")).hasSize(1);
        JsonNode entry = message.get("entries").get(0);
        assertThat(entry.get("kind").asText()).isEqualTo("OfferService");
        assertThat(entry.get("serviceId").asInt()).isEqualTo(SERVICE);
        assertThat(entry.get("instanceId").asInt()).isEqualTo(INSTANCE);
        assertThat(entry.get("majorVersion").asInt()).isEqualTo(MAJOR);
        assertThat(entry.get("minorVersion").asLong()).isEqualTo(MINOR);
        assertThat(entry.get("ttl").asInt()).isEqualTo(3);
        List<String> options = new ArrayList<>();
        for (JsonNode index : entry.get("first")) {
            JsonNode option = message.get("options").get(index.asInt());
            options.add(option.get("kind").asText() + " " + option.get("protocol").asText() + " "
                    + option.get("address").asText() + ":" + option.get("port").asInt());
        }
        assertThat(entry.get("second")).isEmpty();
        assertThat(options).containsExactlyInAnyOrder(
                "Ipv4Endpoint UDP " + OURS + ":" + skeleton.server().udpAddress().getPort(),
                "Ipv4Endpoint TCP " + OURS + ":" + skeleton.server().tcpAddress().getPort());
    }

    @Test
    @DisplayName("feat_req_someipsd_26, feat_req_someipsd_41, feat_req_someipsd_100, feat_req_someipsd_765, "
            + "feat_req_someipsd_47, feat_req_someipsd_779, feat_req_someipsd_780, feat_req_someipsd_811: scapy sees "
            + "our multicast OfferService, asks with a unicast FindService and gets a unicast OfferService with the "
            + "UDP and TCP IPv4 endpoints and correct header fields and flags")
    void scapyFindsOurService() throws Exception {
        // No cyclic offers: after the one initial offer only a FindService can make us send another.
        SdTimings oneOffer = new SdTimings(0, 10, 20, 0, 0, 0, 5, 3, 3);
        try (ToolProcess scapy = scapy("find", GROUP, String.valueOf(SD_PORT), OURS, SCAPY,
                String.valueOf(SERVICE), String.valueOf(INSTANCE))) {
            await(scapy, "ready", 30);
            try (SomeIpNode node = SomeIpNode.start(node(OURS, oneOffer))) {
                ServiceSkeleton skeleton = offerService(node);
                JsonNode multicast = await(scapy, "multicast_offer", 30);
                assertOffer(multicast, skeleton, "multicast offer");
                JsonNode unicast = await(scapy, "unicast_offer", 30);
                assertOffer(unicast, skeleton, "unicast answer");
                // feat_req_someipsd_765: the first message to a new unicast partner starts at session 1.
                assertThat(unicast.get("header").get("sessionId").asInt()).isEqualTo(1);
                assertThat(multicast.get("header").get("sessionId").asInt()).isGreaterThanOrEqualTo(1);
                assertThat(scapy.awaitExit(30)).as(scapy.transcript()).isZero();
            }
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_109, feat_req_someipsd_614, feat_req_someipsd_818, feat_req_someipsd_786, "
            + "feat_req_someipsd_787, feat_req_someipsd_107, feat_req_someipsd_793, feat_req_someipsd_1297: scapy "
            + "subscribes with its own UDP endpoint, gets the SubscribeEventgroupAck by unicast, then the initial field "
            + "value, then our published events; its StopSubscribeEventgroup removes it")
    void scapySubscribesToOurEventgroup() throws Exception {
        try (SomeIpNode node = SomeIpNode.start(node(OURS, SdTimings.fast()))) {
            ServiceSkeleton skeleton = offerService(node);
            // Like any client, scapy subscribes once it has seen the offer (before it, a Nack is the answer).
            try (ToolProcess scapy = scapy("subscribe", GROUP, String.valueOf(SD_PORT), OURS, SCAPY, String.valueOf(SERVICE),
                    String.valueOf(INSTANCE), String.valueOf(MAJOR), String.valueOf(EVENTGROUP), "3")) {
                String endpoint = awaitLine(scapy, "subscribed", 30).path("endpoint").asText("");
                JsonNode ackMessage = await(scapy, "sd", 10);
                assertSdHeader(ackMessage, "ack");
                JsonNode ack = ackMessage.get("entries").get(0);
                assertThat(ack.get("kind").asText()).as(ackMessage.toString()).isEqualTo("SubscribeEventgroupAck");
                assertThat(ack.get("serviceId").asInt()).isEqualTo(SERVICE);
                assertThat(ack.get("instanceId").asInt()).isEqualTo(INSTANCE);
                assertThat(ack.get("majorVersion").asInt()).isEqualTo(MAJOR);
                assertThat(ack.get("eventgroupId").asInt()).isEqualTo(EVENTGROUP);
                assertThat(ack.get("ttl").asInt()).isEqualTo(3);
                assertThat(ackMessage.get("source").asText()).isEqualTo(OURS + ":" + SD_PORT);
                assertThat(ackMessage.get("header").toString()).isNotEmpty();

                // The initial event of the field comes first, from the offered UDP endpoint.
                JsonNode initial = await(scapy, "notification", 10);
                assertThat(initial.get("method").asInt()).isEqualTo(FIELD);
                assertThat(initial.get("payload").asText()).isEqualTo("0000cafe");
                assertThat(initial.get("type").asInt()).isEqualTo(0x02);
                assertThat(initial.get("iface").asInt()).isEqualTo(MAJOR);
                assertThat(initial.get("source").asText()).isEqualTo(OURS + ":" + skeleton.server().udpAddress().getPort());
                assertThat(skeleton.subscriberCount(EVENTGROUP)).isEqualTo(1);
                assertThat(endpoint).startsWith(SCAPY + ":");

                for (int seq = 1; seq <= 3; seq++) {
                    skeleton.publish(EVENT, Unpooled.buffer(4).writeInt(seq));
                    JsonNode event = await(scapy, "notification", 10);
                    assertThat(event.get("method").asInt()).isEqualTo(EVENT);
                    assertThat(event.get("payload").asText()).isEqualTo(String.format("%08x", seq));
                }

                OutputStream stdin = scapy.process().getOutputStream();
                stdin.write("stop\n".getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                await(scapy, "stop_sent", 10);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (skeleton.subscriberCount(EVENTGROUP) != 0 && System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // no event to wait on: poll to a deadline
                }
                assertThat(skeleton.subscriberCount(EVENTGROUP)).as("subscribers after StopSubscribeEventgroup")
                        .isZero();
                stdin.close();
                assertThat(scapy.awaitExit(10)).as(scapy.transcript()).isZero();
            }
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_812, feat_req_someipsd_79, feat_req_someipsd_631, feat_req_someipsd_682, "
            + "feat_req_someipsd_798, feat_req_someipsd_262: our ServiceProxy finds the service scapy offers "
            + "cyclically, subscribes with the endpoint it listens on, receives scapy's notifications, and sees "
            + "scapy's StopOfferService")
    void ourProxyUsesScapysService() throws Exception {
        try (ToolProcess scapy = scapy("offer", GROUP, String.valueOf(SD_PORT), SCAPY, String.valueOf(SERVICE),
                String.valueOf(INSTANCE), String.valueOf(MAJOR), String.valueOf(EVENTGROUP), String.valueOf(EVENT));
             SomeIpNode node = SomeIpNode.start(node(OURS, SdTimings.fast()))) {
            JsonNode offering = awaitLine(scapy, "offering", 30);
            BlockingQueue<Long> events = new LinkedBlockingQueue<>();
            BlockingQueue<Boolean> availability = new LinkedBlockingQueue<>();
            ServiceProxy proxy = node.proxy(SERVICE, INSTANCE, MAJOR);
            proxy.onAvailability(change -> availability.add(change.available()));
            proxy.subscribe(EVENTGROUP, EVENT, message -> {
                try {
                    events.add(message.payload().getUnsignedInt(message.payload().readerIndex()));
                } finally {
                    message.release();
                }
            });
            var service = proxy.whenAvailable().get(30, TimeUnit.SECONDS);
            assertThat(service.udp().toString()).endsWith(offering.get("udp").asText());
            assertThat(service.sdPeer().toString()).endsWith(SCAPY + ":" + SD_PORT);

            JsonNode parent = awaitLine(scapy, "subscribe", 30);
            JsonNode subscribe = parent.get("subscribe");
            assertSdHeader(subscribe, "our SubscribeEventgroup");
            JsonNode entry = subscribe.get("entries").get(0);
            assertThat(entry.get("kind").asText()).isEqualTo("SubscribeEventgroup");
            assertThat(entry.get("eventgroupId").asInt()).isEqualTo(EVENTGROUP);
            assertThat(entry.get("majorVersion").asInt()).isEqualTo(MAJOR);
            assertThat(entry.get("ttl").asInt()).isEqualTo(SdTimings.fast().subscribeTtlSeconds());
            // The endpoint we subscribed with is the proxy's UDP socket on our unicast address.
            assertThat(parent.get("endpoint").asText()).startsWith(OURS + ":");
            assertThat(parent.get("source").asText()).isEqualTo(OURS + ":" + SD_PORT);

            Long first = events.poll(10, TimeUnit.SECONDS);
            assertThat(first).as("a notification from scapy").isNotNull();
            Long next = events.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("notifications keep coming").isNotNull().isGreaterThan(first);

            scapy.process().getOutputStream().close(); // scapy sends StopOfferService
            await(scapy, "stop_offer_sent", 10);
            Boolean change;
            do {
                change = availability.poll(10, TimeUnit.SECONDS);
            } while (Boolean.TRUE.equals(change));
            assertThat(change).as("down after scapy's StopOfferService").isFalse();
            assertThat(proxy.isAvailable()).isFalse();
        }
    }
}
