package io.vehicle.bridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.client.BridgeCallException;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
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
import io.vehicle.idl.simulator.v1.Crash;
import io.vehicle.idl.simulator.v1.EcuRestart;
import io.vehicle.idl.simulator.v1.Fault;
import io.vehicle.idl.simulator.v1.FaultTarget;
import io.vehicle.idl.simulator.v1.PacketLoss;
import io.vehicle.idl.simulator.v1.ServiceInstance;
import io.vehicle.simulator.Simulator;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ECU faults as clients see them, injected by the simulator into its ECUs behind a running bridge over
 * SOME/IP: a restart during a subscription (the stream goes on and says when the values were unavailable),
 * a power cut (the offer's TTL runs out), an ECU that refuses because of its state (with the application
 * error's name), an ECU that never confirms (its answers lost, or accepted and not reached), and one that
 * leaves while a write waits. What the ECU did is read back from the simulator's plant, not from the bridge.
 *
 * <p>The simulator's clock stands still unless a test advances it, so no value moves by itself.
 */
class EcuFaultTest {

    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String FAN = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";
    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";
    static final String AC = "Vehicle.Cabin.HVAC.IsAirConditioningActive";
    static final String OUTSIDE = "Vehicle.Exterior.AirTemperature";
    static final String POWER = "Vehicle.LowVoltageSystemState";
    static final String WINDOW = "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position";
    static final int HVAC_SERVICE = 0x1001;

    @TempDir
    Path dir;
    BridgeFixture fixture;
    Simulator car;
    BridgeClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = BridgeFixture.create(dir, 5);
        fixture.policy("""
                rules:
                  - id: hvac
                    signals: [Vehicle.Cabin.HVAC]
                    writers: ["*"]
                  - id: windows
                    signals: [Vehicle.Cabin.Door.*.*.Window.Position]
                    writers: ["*"]
                """);
        car = fixture.simulator(List.of("HvacService", "WindowService"), Map.of(DRIVER, 21.0, CABIN, 19.0));
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

    static Fault onEcu(String ecu, Fault.Builder fault) {
        return fault.setTarget(FaultTarget.newBuilder().setEcu(ecu)).build();
    }

    /** The HVAC service's answers and notifications are lost on the way out; SD still announces it. */
    static Fault hvacSilent() {
        return Fault.newBuilder().setTarget(FaultTarget.newBuilder().setService(ServiceInstance.newBuilder()
                .setServiceId(HVAC_SERVICE).setInstanceId(1))).setPacketLoss(PacketLoss.newBuilder().setPercent(100))
                .build();
    }

    Object plant(String path) {
        return car.value(path).value();
    }

    WriteResult write(String path, Value value, int confirmTimeoutMs) {
        return Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder().addWrites(SignalWrite
                .newBuilder().setPath(path).setValue(value)).setConfirmTimeoutMs(confirmTimeoutMs).build())).getResults(0);
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

        // The climate ECU restarts: StopOffer at once, back after 3 s of simulated time.
        car.trigger(onEcu("climate-ecu", Fault.newBuilder().setEcuRestart(EcuRestart.newBuilder().setDownMs(3000))),
                Duration.ZERO);
        Await.until(() -> updates.stream().anyMatch(u -> u.getAvailability() == Availability.AVAILABILITY_UNAVAILABLE),
                "UNAVAILABLE on the stream");
        SignalValue gone = updates.stream().filter(u -> u.getAvailability() == Availability.AVAILABILITY_UNAVAILABLE)
                .findFirst().orElseThrow();
        assertThat(gone.hasValue()).as("no stale value shown as current").isFalse();
        assertThat(gone.getReason()).contains("HvacService").contains("stop offer");
        assertThat(gone.hasTimestamp()).as("when the values became unavailable").isTrue();
        Await.until(() -> kuksa.stream().anyMatch(d -> !d.hasValue()), "a KUKSA datapoint without value");

        // While it is down the setpoint changes in the plant (the ECU kept it in its memory); then it comes back.
        car.force(DRIVER, 18.5, false);
        car.advance(Duration.ofSeconds(3));
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
        assertThat(car.ecus().stream().filter(e -> e.name().equals("climate-ecu")).findFirst().orElseThrow().faults())
                .as("the restart fault cleared itself when the ECU came back").isEmpty();
    }

    @Test
    @DisplayName("a power cut: values stay until the offer's TTL runs out, then UNAVAILABLE (TTL expired)")
    void powerCut() {
        List<SignalValue> updates = watch(CABIN);
        Await.until(() -> !updates.isEmpty(), "the first response");
        car.trigger(onEcu("climate-ecu", Fault.newBuilder().setCrash(Crash.getDefaultInstance())), Duration.ZERO);
        Await.until(() -> updates.stream().anyMatch(u -> u.getAvailability() == Availability.AVAILABILITY_UNAVAILABLE),
                "UNAVAILABLE after the TTL");
        assertThat(updates.get(updates.size() - 1).getReason()).contains("TTL expired");
        WriteResult write = write(DRIVER, Value.newBuilder().setFloat(22f).build(), 0);
        assertThat(write.getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_UNAVAILABLE);
        assertThat(write.getReason()).contains("not on the network").contains("TTL expired");
    }

    @Test
    @DisplayName("an ECU that refuses because of its state: REJECTED_BY_ECU with the IDL's error name; nothing changes")
    void refusalByState() {
        car.force(OUTSIDE, -5.0, true); // below acMinOutsideCelsius: the compressor cannot run
        WriteResult refused = write(AC, Value.newBuilder().setBool(true).build(), 0);
        assertThat(refused.getStatus()).as(refused.getReason()).isEqualTo(WriteStatus.WRITE_STATUS_REJECTED_BY_ECU);
        assertThat(refused.getEcuError().getReturnCode()).isEqualTo(0x30);
        assertThat(refused.getEcuError().getReturnCodeName()).isEqualTo("AC_UNAVAILABLE");
        assertThat(plant(AC)).isEqualTo(false);

        car.release(OUTSIDE);
        car.force(OUTSIDE, 25.0, false);
        assertThat(write(AC, Value.newBuilder().setBool(true).build(), 0).getStatus())
                .as("the same write once the state allows it").isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
        assertThat(plant(AC)).isEqualTo(true);
    }

    @Test
    @DisplayName("an ECU that never confirms: no answer is TIMEOUT; an accepted value never reached is TIMEOUT with what it reports")
    void neverConfirms() {
        String silence = car.trigger(hvacSilent(), Duration.ZERO).getFaultId();
        WriteResult unanswered = write(FAN, Value.newBuilder().setUint32(60).build(), 500);
        assertThat(unanswered.getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_TIMEOUT);
        assertThat(unanswered.getReason()).contains("no answer from the ECU within 500 ms");
        assertThat(fixture.bridge().values().get(FAN).available())
                .as("SD still announces the ECU: silent is not gone").isTrue();
        car.clearFault(silence);

        // The window ECU accepts a target and reports its position on the way; with the clock standing the
        // window does not move, so the requested position is never reported: the write waits the window's
        // travel time from the IDL (max_travel_ms, longer than the 500 ms asked for), then fails.
        WriteResult accepted = write(WINDOW, Value.newBuilder().setUint32(100).build(), 500);
        assertThat(accepted.getStatus()).as(accepted.getReason()).isEqualTo(WriteStatus.WRITE_STATUS_TIMEOUT);
        assertThat(accepted.getReason()).contains("the ECU accepted the write but reports 0")
                .contains("after " + fixture.registry().require(WINDOW).maxTravel().toMillis() + " ms");
        assertThat(accepted.getConfirmedValue().getUint32()).isZero();
        car.advance(Duration.ofSeconds(5)); // 25 %/s: the window gets there in simulated time after all
        assertThat(plant(WINDOW)).isEqualTo(100L);
        Await.until(() -> Long.valueOf(100).equals(fixture.bridge().values().get(WINDOW).value()),
                "the bridge sees where the window went");
    }

    @Test
    @DisplayName("an ECU that leaves while a write waits for its confirmation: UNAVAILABLE, not TIMEOUT")
    void leavesDuringWrite() {
        var pending = client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder().addWrites(SignalWrite.newBuilder()
                .setPath(WINDOW).setValue(Value.newBuilder().setUint32(100))).setConfirmTimeoutMs(10_000).build());
        // The body ECU accepted the target: a second of simulated time moves the window a quarter of the way.
        Await.until(() -> {
            car.advance(Duration.ofMillis(100));
            return ((Number) plant(WINDOW)).doubleValue() > 0;
        }, "the window starts moving");
        Await.until(() -> ((Number) fixture.bridge().values().get(WINDOW).value()).doubleValue() > 0, "the bridge sees it moving");
        car.trigger(onEcu("body-ecu", Fault.newBuilder().setEcuRestart(EcuRestart.newBuilder().setDownMs(60_000))),
                Duration.ZERO);
        WriteResult result = Await.result(pending).getResults(0);
        assertThat(result.getStatus()).as(result.getReason()).isEqualTo(WriteStatus.WRITE_STATUS_UNAVAILABLE);
        assertThat(result.getReason()).contains("left before confirming").contains("WindowService");
    }

    @Test
    @DisplayName("KUKSA Actuate: the ECU's refusal is FAILED_PRECONDITION with its error; silence is DEADLINE_EXCEEDED")
    void kuksaActuateFailures() {
        car.force(POWER, "OFF", true);
        Throwable refused = Await.failure(client.call(VALGrpcClient.Actuate, actuate(FAN, 50)));
        assertThat(((BridgeCallException) refused).status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
        assertThat(refused.getMessage()).contains("0x22").contains("POWER_OFF").contains(FAN);
        car.release(POWER);
        car.force(POWER, "ON", false);

        String silence = car.trigger(hvacSilent(), Duration.ZERO).getFaultId();
        Throwable silent = Await.failure(client.call(VALGrpcClient.Actuate, actuate(FAN, 60)));
        assertThat(((BridgeCallException) silent).status()).isEqualTo(GrpcStatus.DEADLINE_EXCEEDED);
        car.clearFault(silence);

        // An ECU that accepts but has not got there yet: KUKSA's contract is "accepted" (OK); the gateway says TIMEOUT.
        Await.result(client.call(VALGrpcClient.Actuate, ActuateRequest.newBuilder().setSignalId(SignalID.newBuilder()
                .setPath(WINDOW)).setValue(Value.newBuilder().setUint32(40)).build()));
        assertThat(plant(WINDOW)).isEqualTo(0L);
    }

    static ActuateRequest actuate(String path, int value) {
        return ActuateRequest.newBuilder().setSignalId(SignalID.newBuilder().setPath(path))
                .setValue(Value.newBuilder().setUint32(value)).build();
    }
}
