package io.vehicle.bridge.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.MutableClock;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.GetPolicyRequest;
import io.vehicle.idl.gateway.v1.GetPolicyResponse;
import io.vehicle.idl.gateway.v1.PolicyCheck;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.WriteOutcome;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteResponse;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write policy enforced by a running bridge on data from ECUs over SOME/IP: stale and missing
 * precondition data, a batch with one refused item (nothing written, read back from the ECU), the driver's
 * confirmation, rate limits, hot reload and a broken policy file, and the audit line of every attempt.
 */
class PolicyEndToEndTest {

    static final String SPEED = "Vehicle.Speed";
    static final String GEAR = "Vehicle.Powertrain.Transmission.SelectedGear";
    static final String LOCK = "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked";
    static final String TRUNK = "Vehicle.Body.Trunk.Rear.IsOpen";
    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String VOLUME = "Vehicle.Cabin.Infotainment.Media.Volume";
    static final String WINDOW = "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position";

    static final String POLICY = """
            defaults:
              maxDataAgeMs: 500
            rules:
              - id: unlock
                signals: [Vehicle.Cabin.Door.*.*.IsLocked]
                writers: ["*"]
                preconditions: ["Vehicle.Speed < 3"]
              - id: trunk
                signals: [Vehicle.Body.Trunk.Rear.IsOpen]
                writers: ["*"]
                preconditions: ["Vehicle.Speed < 1 and Vehicle.Powertrain.Transmission.SelectedGear == PARK"]
                needsConfirmation: true
              - id: setpoint
                signals: [Vehicle.Cabin.HVAC.Station.*.*.Temperature]
                writers: ["*"]
                rateLimit: {maxWrites: 2, perSeconds: 3600}
              - id: windows
                signals: [Vehicle.Cabin.Door.*.*.Window.Position]
                writers: ["*"]
                preconditions: ["Vehicle.Speed < 3"]
              - id: volume
                signals: [Vehicle.Cabin.Infotainment.Media.Volume]
                writers: ["*"]
                range: {min: 0, max: 50}
            """;

    @TempDir
    Path dir;
    BridgeFixture fixture;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    VirtualEcu state;
    VirtualEcu body;
    BridgeClient client;

    void start() throws Exception {
        fixture = BridgeFixture.create(dir, 2);
        fixture.policy(POLICY);
        state = fixture.ecu("127.0.0.4", List.of("VehicleStateService"), Map.of(SPEED, 0.0, GEAR, "PARK"));
        body = fixture.ecu("127.0.0.3", List.of("DoorService", "HvacService", "WindowService", "InfotainmentService"),
                Map.of(LOCK, true, DRIVER, 21.0, VOLUME, 20L));
        fixture.start(config -> config, clock);
        fixture.awaitValues();
        client = fixture.client(fixture.keys().token("tester", "read actuate"));
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @DisplayName("stale precondition data is refreshed from the ECU; when the ECU cannot confirm it, the write is denied")
    void staleData() throws Exception {
        start();
        assertThat(write(LOCK, false).getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);

        clock.advance(Duration.ofSeconds(10)); // Vehicle.Speed was last confirmed 10 s ago (by this clock)
        WriteResult refreshed = write(LOCK, true);
        assertThat(refreshed.getStatus()).as("the bridge re-read the speed with the getter: " + refreshed.getReason())
                .isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);

        state.crash(); // power cut: no StopOffer, SD still lists the ECU until its TTL runs out
        clock.advance(Duration.ofSeconds(10));
        WriteResult stale = write(LOCK, false);
        assertThat(stale.getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_DENIED_BY_POLICY);
        assertThat(stale.getVerdict().getCheck()).isEqualTo(PolicyCheck.POLICY_CHECK_FRESHNESS);
        assertThat(stale.getReason()).contains(SPEED);
        assertThat(body.get(LOCK)).isEqualTo(true);

        Await.until(() -> !fixture.bridge().values().get(SPEED).available(), "the speed's ECU is seen gone");
        WriteResult missing = write(LOCK, false);
        assertThat(missing.getVerdict().getCheck()).isEqualTo(PolicyCheck.POLICY_CHECK_FRESHNESS);
        assertThat(missing.getReason()).contains("has no current value");
    }

    @Test
    @DisplayName("a batch with one refused item writes nothing: both ECUs keep their values")
    void batchWithOneRefusal() throws Exception {
        start();
        state.set(SPEED, 42.0);
        Await.until(() -> Double.valueOf(42.0).equals(fixture.bridge().values().get(SPEED).value()), "speed 42");
        WriteResponse response = Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder()
                .addWrites(write(DRIVER, Value.newBuilder().setFloat(22f))).addWrites(write(WINDOW,
                        Value.newBuilder().setUint32(100))).build()));
        assertThat(response.getOutcome()).isEqualTo(WriteOutcome.WRITE_OUTCOME_REFUSED);
        assertThat(response.getResults(0).getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_NOT_ATTEMPTED);
        assertThat(response.getResults(0).getVerdict().getRuleId()).isEqualTo("setpoint");
        assertThat(response.getResults(1).getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_DENIED_BY_POLICY);
        assertThat(response.getResults(1).getReason()).contains("Vehicle.Speed is 42 km/h");
        assertThat(body.applied()).isEmpty();
        assertThat(body.get(DRIVER)).isEqualTo(21.0);
        assertThat(body.get(WINDOW)).isEqualTo(0L);
        // The refused batch took no rate-limit token: both allowed writes still pass.
        assertThat(write(DRIVER, 22.0f).getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
        assertThat(write(DRIVER, 23.0f).getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
        WriteResult limited = write(DRIVER, 24.0f);
        assertThat(limited.getVerdict().getCheck()).isEqualTo(PolicyCheck.POLICY_CHECK_RATE_LIMIT);
        assertThat(body.get(DRIVER)).isEqualTo(23.0);
    }

    @Test
    @DisplayName("a rule needing confirmation answers NEEDS_CONFIRMATION; with driver_confirmed it is written and audited")
    void confirmation() throws Exception {
        start();
        WriteResponse ask = Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder()
                .addWrites(write(TRUNK, Value.newBuilder().setBool(true))).setCorrelationId("utterance-7").build()));
        assertThat(ask.getOutcome()).isEqualTo(WriteOutcome.WRITE_OUTCOME_NEEDS_CONFIRMATION);
        assertThat(ask.getResults(0).getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_NEEDS_CONFIRMATION);
        assertThat(ask.getResults(0).getVerdict().getConfirmationRequired()).isTrue();
        assertThat(body.get(TRUNK)).isEqualTo(false);
        WriteResponse done = Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder()
                .addWrites(write(TRUNK, Value.newBuilder().setBool(true))).setDriverConfirmed(true)
                .setCorrelationId("utterance-7").build()));
        assertThat(done.getOutcome()).isEqualTo(WriteOutcome.WRITE_OUTCOME_CONFIRMED);
        assertThat(body.get(TRUNK)).isEqualTo(true);

        Path audit = dir.resolve("audit.jsonl");
        Await.until(() -> lines(audit).size() >= 2, "two audit lines");
        List<JsonNode> records = lines(audit);
        assertThat(records).extracting(r -> r.get("correlationId").asText()).containsOnly("utterance-7");
        assertThat(records.get(0).get("decision").asText()).isEqualTo("NEEDS_CONFIRMATION");
        assertThat(records.get(0).get("result").asText()).isEqualTo("NEEDS_CONFIRMATION");
        assertThat(records.get(1).get("writer").asText()).isEqualTo("tester");
        assertThat(records.get(1).get("driverConfirmed").asBoolean()).isTrue();
        assertThat(records.get(1).get("rule").asText()).isEqualTo("trunk");
        assertThat(records.get(1).get("result").asText()).isEqualTo("CONFIRMED");
        assertThat(records.get(1).get("confirmed").asText()).isEqualTo("true");
        assertThat(records.get(1).get("previous").asText()).isEqualTo("false");
    }

    @Test
    @DisplayName("hot reload: a changed file takes effect without a restart; a broken one keeps the last good policy and says why")
    void hotReloadAndBrokenFile() throws Exception {
        start();
        String first = policy().getVersion();
        assertThat(write(VOLUME, 60).getVerdict().getCheck()).isEqualTo(PolicyCheck.POLICY_CHECK_RANGE);

        fixture.policy(POLICY.replace("max: 50", "max: 80"));
        Await.until(() -> !policy().getVersion().equals(first), "the new policy is loaded");
        assertThat(write(VOLUME, 60).getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
        String second = policy().getVersion();

        fixture.policy(POLICY.replace("max: 50", "max: 80").replace("Vehicle.Speed < 3", "Vehicle.Sped < 3"));
        Await.until(() -> !policy().getLoadError().isEmpty(), "the broken file is reported");
        GetPolicyResponse broken = policy();
        assertThat(broken.getVersion()).isEqualTo(second);
        assertThat(broken.getLoadError()).contains("unknown signal Vehicle.Sped").contains("still enforcing " + second);
        assertThat(write(VOLUME, 70).getStatus()).as("the last good policy still applies")
                .isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
        JsonNode health = new ObjectMapper().readTree(Await.result(WebClient.create(fixture.clientVertx())
                .request(HttpMethod.GET, fixture.bridge().httpPort(), "127.0.0.1", "/health").send()).bodyAsString());
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("policy").get("error").asText()).contains("Vehicle.Sped");

        fixture.policy(POLICY);
        Await.until(() -> policy().getLoadError().isEmpty(), "the repaired file loads");
        assertThat(policy().getVersion()).isEqualTo(first);
        assertThat(write(VOLUME, 60).getVerdict().getCheck()).isEqualTo(PolicyCheck.POLICY_CHECK_RANGE);
    }

    private GetPolicyResponse policy() {
        return Await.result(client.call(GatewayGrpcClient.GetPolicy, GetPolicyRequest.getDefaultInstance()));
    }

    private WriteResult write(String path, boolean value) {
        return writeOne(write(path, Value.newBuilder().setBool(value)));
    }

    private WriteResult write(String path, float value) {
        return writeOne(write(path, Value.newBuilder().setFloat(value)));
    }

    private WriteResult write(String path, int value) {
        return writeOne(write(path, Value.newBuilder().setUint32(value)));
    }

    private WriteResult writeOne(SignalWrite write) {
        return Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder().addWrites(write).build()))
                .getResults(0);
    }

    private static SignalWrite write(String path, Value.Builder value) {
        return SignalWrite.newBuilder().setPath(path).setValue(value).build();
    }

    private static List<JsonNode> lines(Path file) {
        try {
            ObjectMapper json = new ObjectMapper();
            return Files.readAllLines(file).stream().map(line -> {
                try {
                    return json.readTree(line);
                } catch (Exception e) {
                    throw new AssertionError("audit line is not JSON: " + line, e);
                }
            }).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
