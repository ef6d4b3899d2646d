package io.vehicle.someip.sd.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.vehicle.testing.ExternalTools;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's someip/someipsd dissectors (tshark) as a wire validator: what we encode must have
 * no malformed or warning-level expert items, and tshark must read the entries and options as we
 * meant them. Skipped without tshark, failed then if CI=true.
 */
class SdTsharkWireTest {

    private static final int SD_PORT = 30490;

    @TempDir
    Path dir;

    @BeforeAll
    static void tsharkPresent() {
        ExternalTools.requireTshark();
    }

    private static List<SdMessage> messages() {
        List<SdMessage> messages = new ArrayList<>(SdMessageTree.vectorMessages());
        Inet4Address host = (Inet4Address) SdMessageTree.address("127.0.0.1");
        Inet6Address host6 = (Inet6Address) SdMessageTree.address("fd00::1");
        SdOption udp = new Ipv4EndpointOption(host, TransportProtocol.UDP, 30501);
        SdOption tcp6 = new Ipv6EndpointOption(host6, TransportProtocol.TCP, 30502);
        SubscribeEventgroup subscribe = new SubscribeEventgroup(0x2000, 1, 1, 5, true, 3, 0x0100, List.of(udp));
        messages.add(new SdMessage(false, true, true, List.of(
                new OfferService(0x2000, 1, 1, 4, 10, List.of(udp, tcp6), List.of(new LoadBalancingOption(2, 50))),
                subscribe, subscribe.stop(), subscribe.nack(),
                subscribe.ack(5, List.of(new Ipv4MulticastOption((Inet4Address) SdMessageTree.address("239.1.1.1"),
                        TransportProtocol.UDP, 30600)))),
                List.of(new Ipv4SdEndpointOption(host, TransportProtocol.UDP, SD_PORT))));
        return messages;
    }

    private Path capture(List<SdMessage> messages) throws Exception {
        PcapFile pcap = new PcapFile();
        int session = 1;
        for (SdMessage message : messages) {
            SomeIpMessage someIp = SdCodec.encodeMessage(message, session++, ByteBufAllocator.DEFAULT);
            ByteBuf wire = SomeIpCodec.encode(someIp, ByteBufAllocator.DEFAULT);
            try {
                pcap.udp(SD_PORT, ByteBufUtil.getBytes(wire));
            } finally {
                wire.release();
                someIp.release();
            }
        }
        Path file = dir.resolve("sd.pcap");
        Files.write(file, pcap.bytes());
        return file;
    }

    @Test
    @DisplayName("feat_req_someipsd_26, feat_req_someipsd_205, feat_req_someipsd_44: tshark finds nothing malformed or warning-worthy")
    void noMalformedOrWarningFrames() throws Exception {
        Path file = capture(messages());
        String flagged = ExternalTools.run(List.of("tshark", "-r", file.toString(), "-d", "udp.port==30490,someip",
                "-Y", "_ws.malformed || _ws.expert.severity >= warning"));
        assertThat(flagged).isEmpty();
        String all = ExternalTools.run(List.of("tshark", "-r", file.toString(), "-d", "udp.port==30490,someip",
                "-Y", "someipsd"));
        assertThat(all.lines()).hasSize(messages().size());
    }

    @Test
    @DisplayName("feat_req_someipsd_47, feat_req_someipsd_109, feat_req_someipsd_336, feat_req_someipsd_129: tshark reads our entries and options as we meant")
    void tsharkReadsOurFields() throws Exception {
        List<SdMessage> messages = messages();
        Path file = capture(messages);
        String out = ExternalTools.run(List.of("tshark", "-r", file.toString(), "-d", "udp.port==30490,someip",
                "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,",
                "-e", "someipsd.flags.reboot", "-e", "someipsd.flags.unicast",
                "-e", "someipsd.entry.type", "-e", "someipsd.entry.serviceid", "-e", "someipsd.entry.instanceid",
                "-e", "someipsd.entry.ttl", "-e", "someipsd.entry.eventgroupid", "-e", "someipsd.entry.counter",
                "-e", "someipsd.entry.index1", "-e", "someipsd.entry.numopt1",
                "-e", "someipsd.option.type", "-e", "someipsd.option.port"));
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            SdMessage message = messages.get(i);
            String[] f = lines.get(i).split("\\|", -1);
            DecodedSdMessage decoded = reDecode(message);
            List<SdEntry> entries = message.entries();
            assertThat(bool(f[0])).as("reboot, frame %d", i).isEqualTo(message.reboot());
            assertThat(bool(f[1])).as("unicast, frame %d", i).isEqualTo(message.unicast());
            assertThat(f[2]).as("types, frame %d", i).isEqualTo(join(entries, e -> hex(e.wireType())));
            assertThat(f[3]).as("services, frame %d", i).isEqualTo(join(entries, e -> hex4(e.serviceId())));
            assertThat(f[4]).as("instances, frame %d", i).isEqualTo(join(entries, e -> hex4(e.instanceId())));
            assertThat(f[5]).as("ttls, frame %d", i).isEqualTo(join(entries, e -> String.valueOf(e.ttl())));
            List<EventgroupEntry> eventgroups = entries.stream().filter(EventgroupEntry.class::isInstance)
                    .map(EventgroupEntry.class::cast).toList();
            assertThat(f[6]).as("eventgroups, frame %d", i)
                    .isEqualTo(eventgroups.stream().map(e -> hex4(e.eventgroupId())).collect(Collectors.joining(",")));
            assertThat(f[7]).as("counters, frame %d", i)
                    .isEqualTo(eventgroups.stream().map(e -> hex(e.counter())).collect(Collectors.joining(",")));
            assertThat(f[8]).as("index1, frame %d", i).isEqualTo(decoded.indexes().stream()
                    .map(x -> hex(x.index1())).collect(Collectors.joining(",")));
            assertThat(f[9]).as("numopt1, frame %d", i).isEqualTo(decoded.indexes().stream()
                    .map(x -> hex(x.count1())).collect(Collectors.joining(",")));
            assertThat(f[10]).as("option types, frame %d", i).isEqualTo(decoded.message().options().stream()
                    .map(o -> String.valueOf(o.type())).collect(Collectors.joining(",")));
            assertThat(f[11]).as("ports, frame %d", i).isEqualTo(decoded.message().options().stream()
                    .filter(EndpointOption.class::isInstance).map(o -> String.valueOf(((EndpointOption) o).port()))
                    .collect(Collectors.joining(",")));
        }
    }

    private static DecodedSdMessage reDecode(SdMessage message) throws Exception {
        ByteBuf payload = SdCodec.encode(message, ByteBufAllocator.DEFAULT);
        try {
            return SdCodec.decode(payload);
        } finally {
            payload.release();
        }
    }

    private static boolean bool(String field) {
        return field.equals("1") || field.equalsIgnoreCase("true");
    }

    private static String join(List<SdEntry> entries, java.util.function.Function<SdEntry, String> f) {
        return entries.stream().map(f).collect(Collectors.joining(","));
    }

    private static String hex(int value) {
        return String.format("0x%02x", value);
    }

    private static String hex4(int value) {
        return String.format("0x%04x", value);
    }
}
