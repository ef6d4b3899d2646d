package io.vehicle.someip.sdk.node;

import io.vehicle.someip.sd.AvailabilityReason;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sd.AvailabilityListener;
import io.vehicle.someip.sd.SdConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceProxy;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.TestPorts;
import io.vehicle.testing.ToolProcess;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Records the SD traffic of two of our nodes on the loopback device with a live tshark capture and
 * has Wireshark's SOME/IP-SD dissector decode it: no malformed or expert-flagged frame, and every
 * entry type of a whole service life cycle (find, offer, subscribe, ack, events, stop subscribe,
 * stop offer) is there.
 */
class SdTsharkTrafficTest {

    static final int SD_PORT = TestPorts.sdPort(3);
    static final String PROVIDER = "127.0.0.7";
    static final String CONSUMER = "127.0.0.8";
    static final int SERVICE = 0x6161;
    static final int EVENTGROUP = 0x0002;
    static final int EVENT = 0x8005;
    static final int FIELD = 0x8006;
    static final Path PCAP = Path.of("target", "tshark", "someip-sd-traffic.pcap").toAbsolutePath();

    /** Fast phases, but offers live 5 s: on a machine loaded by parallel builds 2 s ran out once. */
    static final SdTimings TIMINGS = new SdTimings(0, 10, 20, 2, 500, 0, 5, 5, 5);

    record Entry(int type, long ttl, int service) {
        String kind() {
            return switch (type) {
                case 0x00 -> "FindService";
                case 0x01 -> ttl == 0 ? "StopOfferService" : "OfferService";
                case 0x06 -> ttl == 0 ? "StopSubscribeEventgroup" : "SubscribeEventgroup";
                case 0x07 -> ttl == 0 ? "SubscribeEventgroupNack" : "SubscribeEventgroupAck";
                default -> "unknown 0x" + Integer.toHexString(type);
            };
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_808, feat_req_someipsd_26, feat_req_someipsd_47, feat_req_someipsd_109, "
            + "feat_req_someipsd_262, feat_req_someipsd_333, feat_req_someipsd_614, feat_req_someipsd_821: Wireshark "
            + "decodes the SD traffic of a whole life cycle of our stack without a flaw")
    void tsharkDecodesOurSdTraffic() throws Exception {
        ExternalTools.requireTshark();
        Files.createDirectories(PCAP.getParent());
        Files.deleteIfExists(PCAP);
        NodeConfig providerConfig = NodeConfig.defaults().withUnicast(PROVIDER).withSd(SD_PORT, TIMINGS);
        NodeConfig consumerConfig = NodeConfig.defaults().withUnicast(CONSUMER).withSd(SD_PORT, TIMINGS);
        try (DatagramSocket marker = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             SomeIpNode provider = SomeIpNode.start(providerConfig);
             SomeIpNode consumer = SomeIpNode.start(consumerConfig)) {
            ServiceSkeleton skeleton = provider.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                    .event(EVENT, false, EVENTGROUP)
                    .field(FIELD, 0x0001, -1, null, Unpooled.buffer(2).writeShort(21), false, EVENTGROUP));
            int serviceUdp = skeleton.server().udpAddress().getPort();
            int markerPort = marker.getLocalPort();
            try (ToolProcess capture = ToolProcess.start(List.of("tshark", "-i", "lo", "-l", "-P", "-f",
                    "udp port " + SD_PORT + " or udp port " + serviceUdp + " or udp port " + markerPort,
                    "-w", PCAP.toString()), null)) {
                capture.awaitStderr(line -> line.contains("Capturing on"), 30, "'Capturing on' from tshark");
                awaitPacketsSeen(capture, marker);

                BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
                BlockingQueue<Boolean> availability = new LinkedBlockingQueue<>();
                BlockingQueue<AvailabilityReason> reasons = new LinkedBlockingQueue<>();
                consumer.discovery().find(SERVICE, 1, 1, new AvailabilityListener() {
                    @Override
                    public void available(RemoteService service) {
                    }

                    @Override
                    public void unavailable(RemoteService service, AvailabilityReason reason) {
                        reasons.add(reason);
                    }
                });
                ServiceProxy proxy = consumer.proxy(SERVICE, 1, 1);
                proxy.onAvailability(change -> availability.add(change.available()));
                proxy.subscribe(EVENTGROUP, EVENT, m -> {
                    events.add((int) m.payload().getShort(m.payload().readerIndex()));
                    m.release();
                });
                proxy.subscribe(EVENTGROUP, FIELD, m -> {
                    events.add(-m.payload().getShort(m.payload().readerIndex()));
                    m.release();
                });
                // The consumer's FindService is on the wire before anything is offered.
                capture.awaitStdout(line -> line.contains(CONSUMER) && line.contains(SdConfig.DEFAULT_GROUP), 30,
                        "the consumer's multicast FindService in tshark's summary");
                skeleton.offer();
                assertThat(availability.poll(10, TimeUnit.SECONDS)).isTrue();
                assertThat(events.poll(10, TimeUnit.SECONDS)).as("initial field value").isEqualTo(-21);
                for (int i = 1; i <= 3; i++) {
                    skeleton.publish(EVENT, Unpooled.buffer(2).writeShort(i));
                    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(i);
                }
                proxy.close(); // StopSubscribeEventgroup
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (skeleton.subscriberCount(EVENTGROUP) != 0 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(5_000_000); // no event to wait on: poll to a deadline
                }
                assertThat(skeleton.subscriberCount(EVENTGROUP)).isZero();
                skeleton.close(); // StopOfferService
                AvailabilityReason reason;
                do {
                    reason = reasons.poll(10, TimeUnit.SECONDS); // under heavy load a TTL may have run out before
                } while (reason != null && reason != AvailabilityReason.STOP_OFFER);
                assertThat(reason).isEqualTo(AvailabilityReason.STOP_OFFER);

                byte[] bytes = "end".getBytes(StandardCharsets.US_ASCII);
                marker.send(new DatagramPacket(bytes, bytes.length, marker.getLocalSocketAddress()));
                capture.awaitStdout(line -> line.contains(" " + markerPort + " ") && line.contains("Len=3"), 30,
                        "the end marker in tshark's summary");
                capture.process().toHandle().destroy(); // SIGTERM: tshark closes the file cleanly
                capture.awaitExit(30);
            }

            assertThat(tshark(serviceUdp, "-Y", "_ws.malformed || _ws.expert.severity >= warning"))
                    .as("malformed or expert-flagged frames").isEmpty();
            List<Entry> entries = new ArrayList<>();
            for (String line : tshark(serviceUdp, "-Y", "someipsd", "-T", "fields", "-E", "separator=/t", "-E",
                    "occurrence=a", "-E", "aggregator=,", "-e", "someipsd.entry.type", "-e", "someipsd.entry.ttl",
                    "-e", "someipsd.entry.serviceid")) {
                String[] columns = line.split("\t");
                String[] types = columns[0].split(",");
                String[] ttls = columns[1].split(",");
                String[] services = columns[2].split(",");
                for (int i = 0; i < types.length; i++) {
                    entries.add(new Entry(Integer.decode(types[i]), Long.decode(ttls[i]), Integer.decode(services[i])));
                }
            }
            assertThat(entries).allSatisfy(e -> assertThat(e.service()).isEqualTo(SERVICE));
            assertThat(entries.stream().map(Entry::kind).distinct().toList()).containsExactlyInAnyOrder(
                    "FindService", "OfferService", "SubscribeEventgroup", "SubscribeEventgroupAck",
                    "StopSubscribeEventgroup", "StopOfferService");
            // Multicast SD stays on the link (TTL 1); unicast SD answers must be routable (vsomeip interop
            // found them sent with TTL 1 once, through Netty's epoll mapping of IP_MULTICAST_TTL to IP_TTL).
            assertThat(tshark(serviceUdp, "-Y", "someipsd && ip.dst == 224.224.224.245", "-T", "fields", "-e",
                    "ip.ttl")).as("IP TTL of multicast SD").isNotEmpty().containsOnly("1");
            assertThat(tshark(serviceUdp, "-Y", "someipsd && ip.dst != 224.224.224.245", "-T", "fields", "-e",
                    "ip.ttl")).as("IP TTL of unicast SD").isNotEmpty().allSatisfy(
                            ttl -> assertThat(Integer.parseInt(ttl)).isGreaterThan(1));
            List<String> notifications = tshark(serviceUdp, "-Y", "someip.messagetype == 0x02 && someip.serviceid == "
                    + SERVICE, "-T", "fields", "-e", "someip.methodid");
            assertThat(notifications).as("initial field value and three events, decoded as SOME/IP notifications")
                    .containsExactly("0x" + Integer.toHexString(FIELD), "0x" + Integer.toHexString(EVENT),
                            "0x" + Integer.toHexString(EVENT), "0x" + Integer.toHexString(EVENT));
        }
    }

    /** Probe datagrams until tshark's live summary shows one (its filter may attach after "Capturing on"). */
    static void awaitPacketsSeen(ToolProcess capture, DatagramSocket marker) throws Exception {
        byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
        String port = " " + marker.getLocalPort() + " ";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            marker.send(new DatagramPacket(probe, probe.length, marker.getLocalSocketAddress()));
            if (capture.pollStdout(line -> line.contains(port) && line.contains("Len=" + probe.length), 200) != null) {
                return;
            }
        }
        throw new AssertionError("tshark never showed a probe datagram\n" + capture.transcript());
    }

    static List<String> tshark(int serviceUdp, String... query) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", PCAP.toString(), "-d",
                "udp.port==" + SD_PORT + ",someip", "-d", "udp.port==" + serviceUdp + ",someip"));
        command.addAll(List.of(query));
        try (ToolProcess reader = ToolProcess.start(command, null)) {
            List<String> lines = reader.remainingStdout(60);
            assertThat(reader.awaitExit(60)).as(reader.transcript()).isZero();
            return lines;
        }
    }
}
