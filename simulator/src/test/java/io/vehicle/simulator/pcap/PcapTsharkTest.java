package io.vehicle.simulator.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.simulator.replay.Capture;
import io.vehicle.simulator.replay.Replayer;
import io.vehicle.simulator.scenario.Scenario;
import io.vehicle.simulator.scenario.ScenarioResult;
import io.vehicle.simulator.scenario.ScenarioRunner;
import io.vehicle.someip.sd.AvailabilityListener;
import io.vehicle.someip.sd.AvailabilityReason;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.binding.DescriptorProxy;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.serialization.SerializationException;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.Repository;
import io.vehicle.testing.TestPorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's dissectors read the pcap of scenario runs: every frame decodes as IPv4/UDP/TCP with SOME/IP
 * and SOME/IP-SD, none malformed or expert-flagged except the malformed burst a fault sent on purpose,
 * which carries the marker service id 0x5E1F. A replay of that very pcap serves a fresh consumer what
 * tshark reads in it: the same offers, the same notifications.
 */
class PcapTsharkTest {

    static final int SD_PORT = TestPorts.sdPort(6);
    static final int SOMEIP_PORT = TestPorts.sdPort(7);
    static final int REPLAY_SD_PORT = TestPorts.sdPort(12);

    @TempDir
    static Path dir;
    static Path pcap;

    @BeforeAll
    static void record() throws Exception {
        ExternalTools.requireTshark();
        pcap = Path.of("target", "tshark", "scenarios.pcap").toAbsolutePath();
        SimulatorConfig base = SimulatorConfig.defaults().withSdPort(SD_PORT).withSdTimings(SdTimings.fast())
                .withSomeipPort(SOMEIP_PORT);
        try (PcapRecorder recorder = new PcapRecorder(pcap)) {
            base.ecus().forEach(e -> recorder.own(e.unicast()));
            recorder.own("127.0.10.100");
            ScenarioRunner runner = new ScenarioRunner(new ScenarioRunner.Options(base, "127.0.10.100", recorder, null));
            for (String name : List.of("fault-malformed-burst.yaml", "seats-heating-and-position.yaml",
                    "fault-stop-offer.yaml")) {
                Path file = Repository.path("simulator/scenarios/" + name);
                ScenarioResult result = runner.run(Scenario.load(file), file.toString());
                assertThat(result.passed()).as(String.join("\n", result.log())).isTrue();
            }
        }
    }

    static List<String> tshark(String... query) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-d",
                "udp.port==" + SD_PORT + ",someip", "-d", "udp.port==" + SOMEIP_PORT + ",someip", "-d",
                "tcp.port==" + SOMEIP_PORT + ",someip"));
        command.addAll(List.of(query));
        return ExternalTools.run(command).lines().toList();
    }

    @Test
    @DisplayName("no malformed or expert-flagged frame but the malformed burst, which the marker identifies")
    void onlyTheInjectedFramesAreMalformed() throws Exception {
        List<String> flagged = tshark("-Y", "_ws.malformed || _ws.expert.severity >= warning", "-T", "fields",
                "-e", "udp.payload", "-e", "frame.number", "-e", "_ws.expert.message");
        assertThat(flagged).as("the malformed burst is flagged").isNotEmpty();
        assertThat(flagged).allSatisfy(line -> assertThat(line).startsWith("5e1f"));
        List<String> burst = tshark("-Y", "udp.payload[0:2] == 5e:1f", "-T", "fields", "-e", "frame.number");
        assertThat(burst).as("8 malformed messages to each peer").hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    @DisplayName("SD entries, SOME/IP requests, responses and notifications over UDP and TCP all decode")
    void traffic() throws Exception {
        List<String> sd = tshark("-Y", "someipsd", "-T", "fields", "-e", "someipsd.entry.type");
        assertThat(String.join(",", sd)).contains("0x01", "0x06", "0x07"); // offers, subscribes, acks
        List<String> types = tshark("-Y", "someip && !someipsd", "-T", "fields", "-e", "someip.messagetype");
        assertThat(String.join(",", types)).contains("0x00", "0x80", "0x02", "0x81"); // request, response, notification, error
        List<String> tcp = tshark("-Y", "tcp && someip", "-T", "fields", "-e", "someip.serviceid");
        assertThat(tcp).as("SOME/IP over the synthesized TCP stream (SeatService presets)")
                .anySatisfy(line -> assertThat(line).contains("0x1002"));
        List<String> badChecksums = tshark("-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-o", "ip.check_checksum:TRUE", "-Y", "udp.checksum.status == 2 || tcp.checksum.status == 2 "
                        + "|| ip.checksum.status == 2", "-T", "fields", "-e", "frame.number");
        assertThat(badChecksums).as("frames with a bad checksum").isEmpty();
    }

    /** What tshark reads as offered in the capture: "provider service/instance vMajor" of every offer entry. */
    static Set<String> offeredInCapture() throws Exception {
        Set<String> offered = new TreeSet<>();
        for (String line : tshark("-Y", "someipsd.entry.type == 0x01", "-T", "fields", "-E", "aggregator=;", "-e",
                "ip.src", "-e", "someipsd.entry.type", "-e", "someipsd.entry.serviceid", "-e",
                "someipsd.entry.instanceid", "-e", "someipsd.entry.majorver", "-e", "someipsd.entry.ttl")) {
            String[] columns = line.split("\t");
            String[] types = columns[1].split(";");
            for (int i = 0; i < types.length; i++) {
                // type 0x01 with TTL 0 is a StopOffer (feat_req_someipsd_261): not an offer
                if (types[i].equals("0x01") && !columns[5].split(";")[i].equals("0")) {
                    offered.add(columns[0] + " " + offer(Integer.decode(columns[2].split(";")[i]),
                            Integer.decode(columns[3].split(";")[i]), Integer.decode(columns[4].split(";")[i])));
                }
            }
        }
        return offered;
    }

    static String offer(int service, int instance, int major) {
        return String.format("0x%04X/0x%04X v%d", service, instance, major);
    }

    /**
     * Every notification of a catalog service in the capture as tshark decodes it (one frame may carry
     * several SOME/IP messages over TCP), by "service/event", its payloads in capture order.
     */
    static Map<String, List<String>> notificationsInCapture() throws Exception {
        // ~= is "any not equal": a TCP segment may carry a magic cookie (0xFFFF) with a notification
        String json = String.join("\n", tshark("--no-duplicate-keys", "-Y",
                "someip.messagetype == 0x02 && someip.serviceid ~= 0xffff", "-T", "json", "-j", "someip"));
        Map<String, List<String>> byEvent = new TreeMap<>();
        Set<Integer> catalog = new TreeSet<>();
        VehicleCatalog.services().forEach(s -> catalog.add(ServiceBinding.of(s).serviceId()));
        for (JsonNode frame : new ObjectMapper().readTree(json)) {
            JsonNode someip = frame.path("_source").path("layers").path("someip");
            for (JsonNode message : someip.isArray() ? someip : List.of(someip)) {
                int service = Integer.decode(message.path("someip.serviceid").asText());
                // SD (0xFFFF) rides on notifications too, and the malformed burst (0x5E1F) is no catalog service
                if (message.path("someip.messagetype").asText().equals("0x02") && catalog.contains(service)) {
                    byEvent.computeIfAbsent(String.format("0x%04X/%s", service, message.path("someip.methodid").asText()),
                            k -> new ArrayList<>()).add(message.path("someip.payload").asText().replace(":", ""));
                }
            }
        }
        return byEvent;
    }

    @Test
    @DisplayName("a replay of this very pcap offers a fresh consumer the captured services and sends it the captured events")
    void replayOfThisCapture() throws Exception {
        Set<String> offered = offeredInCapture();
        assertThat(offered).as("tshark finds the nine catalog services offered").hasSize(9);
        Map<String, List<String>> captured = notificationsInCapture();
        assertThat(captured.keySet().stream().map(k -> k.substring(0, 6)).distinct())
                .as("notifications of several services in the capture").contains("0x1001", "0x1002", "0x1007");

        Capture capture = Capture.read(pcap);
        Map<String, List<Message>> received = new ConcurrentHashMap<>();
        Set<String> seenOffers = ConcurrentHashMap.newKeySet();
        try (Replayer replay = Replayer.start(capture, new Replayer.Options(REPLAY_SD_PORT, SdTimings.fast(), 20,
                false, Map.of()));
             SomeIpNode consumer = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.102")
                     .withSd(REPLAY_SD_PORT, SdTimings.fast()))) {
            List<DescriptorProxy> proxies = new ArrayList<>();
            List<CompletableFuture<?>> acknowledged = new ArrayList<>();
            Set<String> fieldNotifiers = new TreeSet<>();
            for (ServiceDescriptor service : VehicleCatalog.services()) {
                ServiceBinding binding = ServiceBinding.of(service);
                consumer.discovery().find(binding.serviceId(), 0xFFFF, 0xFF, new AvailabilityListener() {
                    @Override
                    public void available(RemoteService remote) {
                        seenOffers.add(remote.udp().getAddress().getHostAddress() + " "
                                + offer(remote.serviceId(), remote.instanceId(), remote.majorVersion()));
                    }

                    @Override
                    public void unavailable(RemoteService remote, AvailabilityReason reason) {
                    }
                });
                DescriptorProxy proxy = new DescriptorProxy(consumer, binding, SomeIpSerializer.shared(), 1);
                proxies.add(proxy);
                binding.fields().values().stream().filter(field -> field.notifier() != null).forEach(field -> {
                    String key = String.format("0x%04X/0x%04x", binding.serviceId(), field.notifier().id());
                    if (captured.containsKey(key)) {
                        fieldNotifiers.add(key);
                    }
                });
                for (RpcBinding rpc : binding.rpcs()) {
                    String key = String.format("0x%04X/0x%04x", binding.serviceId(), rpc.id());
                    if (rpc.isEvent() && captured.containsKey(key)) {
                        acknowledged.add(proxy.subscribe(rpc.name(), DynamicMessage.getDefaultInstance(rpc.output()),
                                m -> received.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
                                        .add(m)).acknowledged());
                    }
                }
            }
            CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long offersDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seenOffers.size() < offered.size() && System.nanoTime() < offersDeadline) {
                LockSupport.parkNanos(10_000_000); // SD has no "all found" to wait on: poll to a deadline
            }
            assertThat(seenOffers).as("the offers the consumer's SD saw").isEqualTo(offered);
            // The provider sends a field's initial value after the Ack has left, and skips it when the field
            // changes first (it would repeat the change): play only once every initial value has arrived, or a
            // replayed change equal to the initial value would stand for both.
            long initialDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!fieldNotifiers.stream().allMatch(key -> !received.getOrDefault(key, List.of()).isEmpty())
                    && System.nanoTime() < initialDeadline) {
                LockSupport.parkNanos(10_000_000); // no event announces it: poll to a deadline
            }
            replay.play();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!captured.entrySet().stream().allMatch(e -> received.getOrDefault(e.getKey(), List.of()).size()
                    >= e.getValue().size()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000); // the replay has no completion to wait on: poll to a deadline
            }
            for (Map.Entry<String, List<String>> event : captured.entrySet()) {
                List<String> payloads = new ArrayList<>();
                for (Message message : received.getOrDefault(event.getKey(), List.of())) {
                    payloads.add(hex(message));
                }
                assertThat(payloads).as("the replayed notifications of %s, in capture order",
                        event.getKey()).isEqualTo(event.getValue());
            }
            proxies.forEach(DescriptorProxy::close);
        }
    }

    /** A received message as the bytes it travelled in, to compare with tshark's payload. */
    static String hex(Message message) throws SerializationException {
        ByteBuf bytes = SomeIpSerializer.shared().serialize(message, ByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.hexDump(bytes);
        } finally {
            bytes.release();
        }
    }
}
