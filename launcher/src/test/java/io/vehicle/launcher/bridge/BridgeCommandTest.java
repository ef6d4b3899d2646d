package io.vehicle.launcher.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.api.hvac.v1.HvacServiceSkeleton;
import io.vehicle.bridge.auth.PemKeys;
import io.vehicle.bridge.auth.Scopes;
import io.vehicle.bridge.auth.TokenVerifier;
import io.vehicle.idl.hvac.v1.CabinTemperature;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureResponse;
import io.vehicle.idl.hvac.v1.ZoneSetpoints;
import io.vehicle.launcher.Main;
import io.vehicle.launcher.process.ChildJvm;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.testing.TestPorts;
import io.vehicle.testing.ToolProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of the bridge as a user runs them: keys and a token, {@code vehicle bridge} as a process of
 * its own with an HVAC ECU over SOME/IP-SD on loopback, {@code vehicle signals} reading, writing (confirmed)
 * and watching through it, and the audit log it leaves.
 */
class BridgeCommandTest {

    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";

    @TempDir
    Path dir;

    /** Runs `vehicle ARGS` in this JVM; its exit code and standard output. */
    record Run(int exit, String out) {
    }

    static synchronized Run vehicle(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.commandLine().execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /** A small HVAC ECU on the typed API. */
    static final class Hvac extends HvacServiceSkeleton {
        Hvac(SomeIpNode node) {
            super(node);
            updateClimate(ClimateSettings.newBuilder().setSetpoints(ZoneSetpoints.newBuilder().setRow1Driver(21)
                    .setRow1Passenger(21).setRow2Driver(21).setRow2Passenger(21)).build());
            updateCabinTemperature(CabinTemperature.newBuilder().setCelsius(19).build());
        }

        @Override
        protected CompletionStage<SetZoneTemperatureResponse> setZoneTemperature(SetZoneTemperatureRequest request) {
            return CompletableFuture.completedFuture(SetZoneTemperatureResponse.getDefaultInstance());
        }
    }

    @Test
    @DisplayName("help names what a user needs: config, keys, no-auth, policy")
    void help() {
        Run help = vehicle("bridge", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--config", "--public-key", "--no-auth", "--policy", "keygen", "token",
                "kuksa.val.v2.VAL");
        assertThat(vehicle("signals", "--help").out()).contains("list", "get", "watch", "set");
    }

    @Test
    @DisplayName("keygen and token: a token the bridge's verifier accepts, with the scopes asked for")
    void keysAndTokens() throws Exception {
        assertThat(vehicle("bridge", "keygen", "--out", dir.toString()).exit()).isZero();
        Run token = vehicle("bridge", "token", "--key", dir.resolve("bridge-private.pem").toString(), "--subject",
                "bench", "--scope", "read actuate:Vehicle.Cabin.Seat.Row2");
        assertThat(token.exit()).isZero();
        var identity = new TokenVerifier(PemKeys.readPublic(dir.resolve("bridge-public.pem")), null, null,
                Clock.systemUTC()).verify(token.out().strip());
        assertThat(identity.writer()).isEqualTo("bench");
        assertThat(identity.may(Scopes.Action.ACTUATE, "Vehicle.Cabin.Seat.Row2.DriverSide.Heating")).isTrue();
        assertThat(vehicle("bridge", "token", "--key", dir.resolve("bridge-private.pem").toString(), "--subject", "x",
                "--scope", "write:Vehicle").exit()).isEqualTo(2);
    }

    @Test
    @DisplayName("vehicle bridge serves an ECU; vehicle signals lists, sets (CONFIRMED), gets and watches through it")
    void bridgeAndSignals() throws Exception {
        int sdPort = TestPorts.sdPort(3);
        vehicle("bridge", "keygen", "--out", dir.toString());
        Files.writeString(dir.resolve("policy.yaml"), """
                rules:
                  - id: setpoints
                    signals: [Vehicle.Cabin.HVAC.Station.*.*.Temperature]
                    writers: [tester]
                    maxStep: 4
                """);
        String token = vehicle("bridge", "token", "--key", dir.resolve("bridge-private.pem").toString(), "--subject",
                "tester", "--scope", "read actuate").out().strip();
        try (SomeIpNode ecuNode = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1")
                .withSd(sdPort, SdTimings.fast()));
             ToolProcess bridge = ToolProcess.start(ChildJvm.command(List.of(), List.of("bridge", "--port", "0",
                     "--http-port", "0", "--public-key", dir.resolve("bridge-public.pem").toString(), "--policy",
                     dir.resolve("policy.yaml").toString(), "--audit", dir.resolve("audit.jsonl").toString(),
                     "--unicast", "127.0.0.2", "--sd-port", Integer.toString(sdPort), "--fast-sd")), dir)) {
            Hvac hvac = new Hvac(ecuNode);
            hvac.offer();
            String started = bridge.awaitStdout(line -> line.startsWith("bridge: gRPC on"), 60, "the bridge's start line");
            Matcher port = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+)").matcher(started);
            assertThat(port.find()).as(started).isTrue();
            String grpc = port.group(1);

            Run get;
            long deadline = System.nanoTime() + 20_000_000_000L;
            do {
                get = vehicle("signals", "get", "--port", grpc, "--token", token, DRIVER);
            } while (!get.out().startsWith(DRIVER + " = 21") && System.nanoTime() < deadline);
            assertThat(get.out()).startsWith(DRIVER + " = 21  (");

            Run list = vehicle("signals", "list", "--port", grpc, "--token", token, "Vehicle.Cabin.HVAC.Station.Row1");
            assertThat(list.exit()).isZero();
            assertThat(list.out()).contains(DRIVER).contains("float").contains("celsius").contains("read-write");

            Run set = vehicle("signals", "set", "--port", grpc, "--token", token, DRIVER, "23.5");
            assertThat(set.exit()).as(set.out()).isZero();
            assertThat(set.out()).contains(DRIVER + ": CONFIRMED 23.5").contains("confirmed (correlation id");
            assertThat(hvac.climate().getSetpoints().getRow1Driver()).isEqualTo(23.5f);

            Run refused = vehicle("signals", "set", "--port", grpc, "--token", token, DRIVER, "28");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.out()).contains("DENIED_BY_POLICY").contains("rule 'setpoints'");

            Run watch = vehicle("signals", "watch", "--port", grpc, "--token", token, "--count", "1", DRIVER);
            assertThat(watch.out()).startsWith(DRIVER + " = 23.5");

            Run unauthenticated = vehicle("signals", "get", "--port", grpc, DRIVER);
            assertThat(unauthenticated.exit()).isNotZero();
        }
        List<String> audit = Files.readAllLines(dir.resolve("audit.jsonl"));
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)).contains("\"writer\":\"tester\"").contains("\"result\":\"CONFIRMED\"");
        assertThat(audit.get(1)).contains("\"result\":\"DENIED_BY_POLICY\"");
    }
}
