package io.vehicle.bridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.client.BridgeCallException;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vehicle.idl.gateway.v1.Availability;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.kuksa.val.v2.ActuateRequest;
import io.vehicle.idl.kuksa.val.v2.Datapoint;
import io.vehicle.idl.kuksa.val.v2.SignalID;
import io.vehicle.idl.kuksa.val.v2.VALGrpcClient;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ECU faults as clients see them: a restart during a subscription (the stream goes on and says when the
 * values were unavailable), a power cut (the offer's TTL runs out), an ECU that leaves while a write waits,
 * and refusals and silence through KUKSA's Actuate.
 *
 * <p>Uses the test ECUs of this module; the simulator's fault injection (EcuRestart, Crash, StopOffer) can
 * drive the same assertions.
 */
class EcuFaultTest {

    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String FAN = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";
    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";

    @TempDir
    Path dir;
    BridgeFixture fixture;
    VirtualEcu hvac;
    BridgeClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = BridgeFixture.create(dir, 5);
        fixture.policy("""
                rules:
                  - id: hvac
                    signals: [Vehicle.Cabin.HVAC]
                    writers: ["*"]
                """);
        hvac = fixture.ecu("127.0.0.3", List.of("HvacService"), Map.of(DRIVER, 21.0, CABIN, 19.0));
        fixture.start();
        fixture.awaitValues();
        client = fixture.client(fixture.keys().token("tester", "read actuate"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** Every update of the path a gateway subscription delivers, in order. */
    List<SignalValue> watch(String path) {
        List<SignalValue> updates = new CopyOnWriteArrayList<>();
        var stream = Await.result(client.stream(GatewayGrpcClient.Subscribe, SubscribeRequest.newBuilder()
                .addPatterns(path).build()));
        stream.handler(response -> response.getUpdatesList().forEach(updates::add));
        stream.resume();
        return updates;
    }

    @Test
    @DisplayName("an ECU restart during a subscription: UNAVAILABLE with the reason, then values again on the same stream")
    void restartDuringSubscription() {
        List<SignalValue> updates = watch(DRIVER);
        List<Datapoint> kuksa = new CopyOnWriteArrayList<>();
        var kuksaStream = Await.result(client.stream(VALGrpcClient.Subscribe, io.vehicle.idl.kuksa.val.v2
                .SubscribeRequest.newBuilder().addSignalPaths(DRIVER).build()));
        kuksaStream.handler(response -> kuksa.add(response.getEntriesOrThrow(DRIVER)));
        kuksaStream.resume();
        Await.until(() -> !updates.isEmpty() && !kuksa.isEmpty(), "the first responses");
        assertThat(updates.get(0).getAvailability()).isEqualTo(Availability.AVAILABILITY_AVAILABLE);
        assertThat(updates.get(0).getValue().getFloat()).isEqualTo(21f);

        hvac.shutdown(); // StopOffer: the bridge hears at once
        Await.until(() -> updates.stream().anyMatch(u -> u.getAvailability() == Availability.AVAILABILITY_UNAVAILABLE),
                "UNAVAILABLE on the stream");
        SignalValue gone = updates.stream().filter(u -> u.getAvailability() == Availability.AVAILABILITY_UNAVAILABLE)
                .findFirst().orElseThrow();
        assertThat(gone.hasValue()).as("no stale value shown as current").isFalse();
        assertThat(gone.getReason()).contains("HvacService").contains("stop offer");
        Await.until(() -> kuksa.stream().anyMatch(d -> !d.hasValue()), "a KUKSA datapoint without value");

        hvac.boot(Map.of(DRIVER, 18.5)); // back, after a reset to another value
        Await.until(() -> updates.get(updates.size() - 1).getAvailability() == Availability.AVAILABILITY_AVAILABLE,
                "AVAILABLE again on the same stream");
        SignalValue back = updates.get(updates.size() - 1);
        assertThat(back.getValue().getFloat()).isEqualTo(18.5f);
        assertThat(back.getTimestamp().getSeconds()).isGreaterThanOrEqualTo(gone.getTimestamp().getSeconds());
        Await.until(() -> kuksa.get(kuksa.size() - 1).hasValue()
                && kuksa.get(kuksa.size() - 1).getValue().getFloat() == 18.5f, "KUKSA gets the value again");
        assertThat(updates).extracting(SignalValue::getAvailability).containsSubsequence(
                Availability.AVAILABILITY_AVAILABLE, Availability.AVAILABILITY_UNAVAILABLE,
                Availability.AVAILABILITY_AVAILABLE);
    }

    @Test
    @DisplayName("a power cut: values stay until the offer's TTL runs out, then UNAVAILABLE (TTL expired)")
    void powerCut() {
        List<SignalValue> updates = watch(CABIN);
        Await.until(() -> !updates.isEmpty(), "the first response");
        hvac.crash();
        Await.until(() -> updates.stream().anyMatch(u -> u.getAvailability() == Availability.AVAILABILITY_UNAVAILABLE),
                "UNAVAILABLE after the TTL");
        assertThat(updates.get(updates.size() - 1).getReason()).contains("TTL expired");
        WriteResult write = Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder()
                .addWrites(SignalWrite.newBuilder().setPath(DRIVER).setValue(Value.newBuilder().setFloat(22f)))
                .build())).getResults(0);
        assertThat(write.getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_UNAVAILABLE);
        assertThat(write.getReason()).contains("not on the network").contains("TTL expired");
    }

    @Test
    @DisplayName("an ECU that leaves while a write waits for its answer: UNAVAILABLE, not TIMEOUT")
    void leavesDuringWrite() {
        hvac.mode(VirtualEcu.SetterMode.HANG);
        var pending = client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder().addWrites(SignalWrite.newBuilder()
                .setPath(DRIVER).setValue(Value.newBuilder().setFloat(22f))).setConfirmTimeoutMs(10_000).build());
        Await.until(() -> fixture.bridge().values().get(DRIVER).available() && hvacHasPendingSetter(), "the setter call arrives");
        hvac.shutdown();
        WriteResult result = Await.result(pending).getResults(0);
        assertThat(result.getStatus()).as(result.getReason()).isEqualTo(WriteStatus.WRITE_STATUS_UNAVAILABLE);
    }

    private boolean hvacHasPendingSetter() {
        return hvac.hangingCalls() > 0;
    }

    @Test
    @DisplayName("KUKSA Actuate: the ECU's refusal is FAILED_PRECONDITION with its error; silence is DEADLINE_EXCEEDED")
    void kuksaActuateFailures() {
        hvac.reject("Climate", 0x30);
        Throwable refused = Await.failure(client.call(VALGrpcClient.Actuate, actuate(FAN, 50)));
        assertThat(((BridgeCallException) refused).status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
        assertThat(refused.getMessage()).contains("0x30").contains(FAN);
        hvac.reject("Climate", 0);

        hvac.mode(VirtualEcu.SetterMode.HANG);
        Throwable silent = Await.failure(client.call(VALGrpcClient.Actuate, actuate(FAN, 60)));
        assertThat(((BridgeCallException) silent).status()).isEqualTo(GrpcStatus.DEADLINE_EXCEEDED);
        hvac.answerHanging();

        // An ECU that answers but does not apply: KUKSA's contract is "forwarded" (OK); the gateway says TIMEOUT.
        hvac.mode(VirtualEcu.SetterMode.IGNORE);
        Await.result(client.call(VALGrpcClient.Actuate, actuate(FAN, 70)));
        assertThat(hvac.get(FAN)).isNotEqualTo(70L);
    }

    static ActuateRequest actuate(String path, int value) {
        return ActuateRequest.newBuilder().setSignalId(SignalID.newBuilder().setPath(path))
                .setValue(Value.newBuilder().setUint32(value)).build();
    }
}
