package io.vehicle.bridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.server.Bridge;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import io.vehicle.idl.gateway.v1.WriteOutcome;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteResponse;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vehicle.simulator.Simulator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes to actuators that take seconds to get there, against the simulator's plant running in real time as in
 * {@code vehicle demo}: the sunroof needs over three seconds to half open and a window four to open fully, longer
 * than the two seconds a caller (the AI node) asks for. The gate waits the travel time the IDL declares
 * (max_travel_ms), so both writes end CONFIRMED by the ECU's own report, not by the setter's acceptance.
 */
class MovingActuatorWriteTest {

    static final String SUNROOF = "Vehicle.Cabin.Sunroof.Position";
    static final String WINDOW = "Vehicle.Cabin.Door.Row1.PassengerSide.Window.Position";

    @TempDir
    Path dir;
    BridgeFixture fixture;
    Simulator car;
    BridgeClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = BridgeFixture.create(dir, 10);
        fixture.policy("""
                rules:
                  - id: openings
                    signals: [Vehicle.Cabin.Sunroof.Position, Vehicle.Cabin.Door.*.*.Window.Position]
                    writers: ["*"]
                """);
        car = fixture.realTimeSimulator(List.of("WindowService"), Map.of());
        fixture.start();
        fixture.awaitValues();
        client = fixture.client(fixture.keys().token("tester", "read actuate"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("sunroof to 50 % and a window to 100 %, asked with a 2 s timeout: CONFIRMED once the ECU reports them")
    void slowMovesAreConfirmed() {
        List<SignalValue> seen = new CopyOnWriteArrayList<>();
        var stream = Await.result(client.stream(GatewayGrpcClient.Subscribe, SubscribeRequest.newBuilder()
                .addPatterns(SUNROOF).build()));
        stream.handler(response -> seen.addAll(response.getUpdatesList()));
        stream.resume();
        Await.until(() -> !seen.isEmpty(), "the sunroof's current position");

        WriteResponse response = Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder()
                .addWrites(SignalWrite.newBuilder().setPath(SUNROOF).setValue(Value.newBuilder().setUint32(50)))
                .addWrites(SignalWrite.newBuilder().setPath(WINDOW).setValue(Value.newBuilder().setUint32(100)))
                .setConfirmTimeoutMs(2000).build()));

        assertThat(response.getOutcome()).as(response.toString()).isEqualTo(WriteOutcome.WRITE_OUTCOME_CONFIRMED);
        WriteResult sunroof = response.getResults(0);
        WriteResult window = response.getResults(1);
        assertThat(sunroof.getStatus()).as(sunroof.getReason()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
        assertThat(sunroof.getConfirmedValue().getUint32()).isEqualTo(50);
        assertThat(window.getStatus()).as(window.getReason()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
        assertThat(window.getConfirmedValue().getUint32()).isEqualTo(100);
        // Not the setter's answer (the motors had only started): the ECU reported arriving.
        assertThat(sunroof.getReason()).isEqualTo("the ECU notified the requested value");
        assertThat(window.getReason()).isEqualTo("the ECU notified the requested value");
        assertThat(seen).as("the sunroof reported positions on its way")
                .anySatisfy(update -> assertThat(update.getValue().getUint32()).isBetween(1, 49));
        // Read back from the plant itself.
        assertThat(car.value(SUNROOF).value()).isEqualTo(50L);
        assertThat(car.value(WINDOW).value()).isEqualTo(100L);
    }

    @Test
    @DisplayName("a confirmation cap below an actuator's travel time is refused at start, naming the signal")
    void capBelowTravelIsRefused() {
        var config = fixture.config().withWrites(new BridgeConfig.Writes(2000L, 10_000L, null));
        assertThatThrownBy(() -> Bridge.start(config, fixture.registry(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConfirmTimeoutMs (10000)")
                .hasMessageContaining("Vehicle.Cabin.Seat.Row1.DriverSide.Position (30000 ms)");
    }
}
