package io.vehicle.bridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vehicle.idl.gateway.v1.Availability;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.GetSignalsRequest;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.WriteOutcome;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteResponse;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.kuksa.val.v2.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway Write against a test HVAC ECU over real SOME/IP and gRPC: what each write status means, as the
 * bridge decides it from the ECU's behaviour (applies, refuses, answers without applying, never answers,
 * leaves), and that a batch with one bad item writes nothing.
 */
class GatewayWriteTest {

    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String PASSENGER = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature";
    static final String FAN = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";
    static final String AC = "Vehicle.Cabin.HVAC.IsAirConditioningActive";
    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";
    static final Map<String, Object> START = Map.of(DRIVER, 21.0, PASSENGER, 21.0, FAN, 30L, CABIN, 18.5);

    @TempDir
    static Path dir;
    static BridgeFixture fixture;
    static VirtualEcu hvac;
    static BridgeClient client;

    @BeforeAll
    static void start() throws Exception {
        fixture = BridgeFixture.create(dir, 1);
        fixture.policy("""
                rules:
                  - id: everything
                    signals: ["Vehicle.**"]
                    writers: ["*"]
                """);
        hvac = fixture.ecu("127.0.0.3", List.of("HvacService"), START);
        fixture.start();
        fixture.awaitValues();
        client = fixture.client(fixture.keys().token("tester", "read actuate"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        hvac.mode(VirtualEcu.SetterMode.APPLY);
        hvac.reject("Climate", 0);
        hvac.answerHanging();
    }

    @Test
    @DisplayName("a write the ECU applies is CONFIRMED with the value it reports, and reads back from the ECU")
    void confirmed() {
        WriteResponse response = write(WriteRequest.newBuilder().addWrites(write(DRIVER, 23.5f)));
        assertThat(response.getOutcome()).isEqualTo(WriteOutcome.WRITE_OUTCOME_CONFIRMED);
        WriteResult result = response.getResults(0);
        assertThat(result.getStatus()).as(result.getReason()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
        assertThat(result.getConfirmedValue().getFloat()).isEqualTo(23.5f);
        assertThat(result.hasConfirmedAt()).isTrue();
        assertThat(result.getVerdict().getRuleId()).isEqualTo("everything");
        assertThat(response.getCorrelationId()).isNotEmpty();
        assertThat(hvac.get(DRIVER)).isEqualTo(23.5);
    }

    @Test
    @DisplayName("an ECU's error answer is REJECTED_BY_ECU with its return code")
    void rejectedByEcu() {
        hvac.reject("Climate", 0x22);
        WriteResult result = write(WriteRequest.newBuilder().addWrites(write(FAN, 80))).getResults(0);
        assertThat(result.getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_REJECTED_BY_ECU);
        assertThat(result.getEcuError().getReturnCode()).isEqualTo(0x22);
        assertThat(result.getEcuError().getApplicationError()).isEqualTo(0x22);
        assertThat(result.getEcuError().getReturnCodeName()).isNotEmpty();
        assertThat(hvac.get(FAN)).isEqualTo(30L);
    }

    @Test
    @DisplayName("an ECU that answers the setter but never applies: TIMEOUT, with the value it still reports")
    void neverApplies() {
        hvac.mode(VirtualEcu.SetterMode.IGNORE);
        WriteResult result = write(WriteRequest.newBuilder().addWrites(write(AC, true)).setConfirmTimeoutMs(300))
                .getResults(0);
        assertThat(result.getStatus()).as(result.getReason()).isEqualTo(WriteStatus.WRITE_STATUS_TIMEOUT);
        assertThat(result.getConfirmedValue().getBool()).isFalse();
        assertThat(result.getReason()).contains("accepted").contains("false");
    }

    @Test
    @DisplayName("an ECU that never answers: TIMEOUT at the requested deadline")
    void neverAnswers() {
        hvac.mode(VirtualEcu.SetterMode.HANG);
        WriteResponse response = write(WriteRequest.newBuilder().addWrites(write(PASSENGER, 19f)).setConfirmTimeoutMs(300));
        assertThat(response.getResults(0).getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_TIMEOUT);
        assertThat(response.getResults(0).getReason()).contains("no answer");
        assertThat(response.getOutcome()).isEqualTo(WriteOutcome.WRITE_OUTCOME_FAILED);
    }

    @Test
    @DisplayName("a batch with one invalid item writes nothing: the ECU's setter is never called")
    void batchWithOneBadItem() {
        int before = hvac.applied().size();
        WriteResponse response = write(WriteRequest.newBuilder().addWrites(write(DRIVER, 22f))
                .addWrites(write(FAN, 150)).addWrites(write(AC, true)));
        assertThat(response.getOutcome()).isEqualTo(WriteOutcome.WRITE_OUTCOME_REFUSED);
        assertThat(response.getResultsList()).extracting(WriteResult::getStatus).containsExactly(
                WriteStatus.WRITE_STATUS_NOT_ATTEMPTED, WriteStatus.WRITE_STATUS_INVALID,
                WriteStatus.WRITE_STATUS_NOT_ATTEMPTED);
        assertThat(response.getResults(1).getReason()).contains("150").contains("0..100");
        assertThat(hvac.applied()).hasSize(before);
        assertThat(Await.result(client.call(GatewayGrpcClient.GetSignals, io.vehicle.idl.gateway.v1.GetSignalsRequest
                .newBuilder().addPatterns(FAN).build())).getSignals(0).getValue().getUint32()).isEqualTo(30);
    }

    @Test
    @DisplayName("signals of one field in one request are one read-modify-write: one setter call")
    void oneFieldOneSetterCall() {
        int before = hvac.applied().size();
        WriteResponse response = write(WriteRequest.newBuilder().addWrites(write(DRIVER, 20f))
                .addWrites(write(PASSENGER, 24f)));
        assertThat(response.getOutcome()).isEqualTo(WriteOutcome.WRITE_OUTCOME_CONFIRMED);
        List<com.google.protobuf.Message> applied = hvac.applied();
        assertThat(applied).hasSize(before + 1);
        ClimateSettings last = ClimateSettings.newBuilder().mergeFrom(applied.get(applied.size() - 1)).build();
        assertThat(last.getSetpoints().getRow1Driver()).isEqualTo(20f);
        assertThat(last.getSetpoints().getRow1Passenger()).isEqualTo(24f);
    }

    @Test
    @DisplayName("dry run: ALLOWED, nothing sent")
    void dryRun() {
        int before = hvac.applied().size();
        WriteResponse response = write(WriteRequest.newBuilder().addWrites(write(DRIVER, 17f)).setDryRun(true));
        assertThat(response.getOutcome()).isEqualTo(WriteOutcome.WRITE_OUTCOME_ALLOWED);
        assertThat(response.getResults(0).getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_ALLOWED);
        assertThat(response.getResults(0).getVerdict().getDecision())
                .isEqualTo(io.vehicle.idl.gateway.v1.PolicyDecision.POLICY_DECISION_ALLOW);
        assertThat(hvac.applied()).hasSize(before);
    }

    @Test
    @DisplayName("unknown, read-only, wrongly typed and repeated signals are INVALID with a reason")
    void invalid() {
        WriteResponse response = write(WriteRequest.newBuilder().addWrites(write("Vehicle.Cabin.Teleporter", 1))
                .addWrites(write(CABIN, 20f)).addWrites(SignalWrite.newBuilder().setPath(AC)
                        .setValue(Value.newBuilder().setString("yes")))
                .addWrites(write(DRIVER, 20f)).addWrites(write(DRIVER, 21f)));
        assertThat(response.getResultsList()).extracting(WriteResult::getStatus).containsExactly(
                WriteStatus.WRITE_STATUS_INVALID, WriteStatus.WRITE_STATUS_INVALID, WriteStatus.WRITE_STATUS_INVALID,
                WriteStatus.WRITE_STATUS_NOT_ATTEMPTED, WriteStatus.WRITE_STATUS_INVALID);
        assertThat(response.getResults(0).getReason()).contains("unknown signal");
        assertThat(response.getResults(1).getReason()).contains("read-only");
        assertThat(response.getResults(2).getReason()).contains("true or false");
        assertThat(response.getResults(4).getReason()).contains("twice");
    }

    @Test
    @DisplayName("GetSignals with read_from_ecus is never older than what the ECU had sent before it answered, "
            + "however quickly the ECU's value changes")
    void readFromEcusFollowsTheEcu() {
        try {
            for (int i = 1; i <= 20; i++) {
                double value = 18.5 + i;
                for (int step = 100; step >= 0; step--) { // a burst of notifications, the last one `value`
                    hvac.set(CABIN, value + step / 1000.0);
                }
                SignalValue shown = Await.result(client.call(GatewayGrpcClient.GetSignals, GetSignalsRequest
                        .newBuilder().addPatterns(CABIN).setReadFromEcus(true).build())).getSignals(0);
                assertThat(shown.getAvailability()).isEqualTo(Availability.AVAILABILITY_AVAILABLE);
                assertThat(shown.getValue().getFloat()).as("right after the ECU set %s", value)
                        .isEqualTo((float) value);
            }
        } finally {
            hvac.set(CABIN, 18.5);
        }
    }

    private WriteResponse write(WriteRequest.Builder request) {
        return Await.result(client.call(GatewayGrpcClient.Write, request.build()));
    }

    static SignalWrite write(String path, float value) {
        return SignalWrite.newBuilder().setPath(path).setValue(Value.newBuilder().setFloat(value)).build();
    }

    static SignalWrite write(String path, int value) {
        return SignalWrite.newBuilder().setPath(path).setValue(Value.newBuilder().setUint32(value)).build();
    }

    static SignalWrite write(String path, boolean value) {
        return SignalWrite.newBuilder().setPath(path).setValue(Value.newBuilder().setBool(value)).build();
    }
}
