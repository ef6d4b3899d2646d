package io.vehicle.simulator.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.simulator.scenario.Scenario;
import io.vehicle.simulator.scenario.ScenarioResult;
import io.vehicle.simulator.scenario.ScenarioRunner;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.Repository;
import io.vehicle.testing.TestPorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's dissectors read the pcap of scenario runs: every frame decodes as IPv4/UDP/TCP with SOME/IP
 * and SOME/IP-SD, none malformed or expert-flagged except the malformed burst a fault sent on purpose,
 * which carries the marker service id 0x5E1F.
 */
class PcapTsharkTest {

    static final int SD_PORT = TestPorts.sdPort(6);
    static final int SOMEIP_PORT = TestPorts.sdPort(7);

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
}
