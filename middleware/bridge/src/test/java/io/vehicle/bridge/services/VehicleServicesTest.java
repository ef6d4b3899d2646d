package io.vehicle.bridge.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import io.vehicle.bridge.client.BridgeCallException;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureResponse;
import io.vehicle.idl.hvac.v1.Zone;
import io.vehicle.idl.hvac.v1.ZoneSetpoints;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDL's vehicle services over gRPC, bridged by descriptor: a client generated from hvac.proto calls
 * HvacService as it is on SOME/IP; setters pass the write gate (only changed signals are judged), methods
 * need a policy rule, notifiers stream with the current value first.
 */
class VehicleServicesTest {

    static final ServiceName HVAC = ServiceName.create("vehicle.hvac.v1", "HvacService");
    static final ServiceMethod<ClimateSettings, Empty> GET_CLIMATE = ServiceMethod.client(HVAC, "GetClimate",
            GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(ClimateSettings.newBuilder()));
    static final ServiceMethod<ClimateSettings, ClimateSettings> SET_CLIMATE = ServiceMethod.client(HVAC, "SetClimate",
            GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(ClimateSettings.newBuilder()));
    static final ServiceMethod<ClimateSettings, Empty> CLIMATE_CHANGED = ServiceMethod.client(HVAC, "ClimateChanged",
            GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(ClimateSettings.newBuilder()));
    static final ServiceMethod<SetZoneTemperatureResponse, SetZoneTemperatureRequest> SET_ZONE =
            ServiceMethod.client(HVAC, "SetZoneTemperature", GrpcMessageEncoder.encoder(),
                    GrpcMessageDecoder.decoder(SetZoneTemperatureResponse.newBuilder()));
    static final ServiceMethod<Empty, Empty> FLY = ServiceMethod.client(HVAC, "Fly", GrpcMessageEncoder.encoder(),
            GrpcMessageDecoder.decoder(Empty.newBuilder()));

    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String PASSENGER = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature";

    @TempDir
    static Path dir;
    static BridgeFixture fixture;
    static VirtualEcu hvac;
    static BridgeClient client;

    @BeforeAll
    static void start() throws Exception {
        fixture = BridgeFixture.create(dir, 7);
        fixture.policy("""
                rules:
                  - id: setpoints
                    signals: [Vehicle.Cabin.HVAC.Station.*.*.Temperature]
                    writers: ["*"]
                    maxStep: 3
                  - id: zone-method-for-bench
                    methods: [vehicle.hvac.v1.HvacService/SetZoneTemperature]
                    writers: [bench]
                """);
        hvac = fixture.ecu("127.0.0.3", List.of("HvacService"), Map.of(DRIVER, 21.0, PASSENGER, 21.0));
        fixture.start();
        fixture.awaitValues();
        client = fixture.client(fixture.keys().token("app", "read actuate"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static GrpcStatus status(Future<?> call) {
        return ((BridgeCallException) Await.failure(call)).status();
    }

    @Test
    @DisplayName("a getter over gRPC reads the ECU's field")
    void getter() {
        ClimateSettings climate = Await.result(client.call(GET_CLIMATE, Empty.getDefaultInstance()));
        assertThat(climate.getSetpoints().getRow1Driver()).isEqualTo(((Double) hvac.get(DRIVER)).floatValue());
    }

    @Test
    @DisplayName("a setter changes what differs, through the policy: a small step passes, a large one is PERMISSION_DENIED")
    void setter() {
        ClimateSettings current = Await.result(client.call(GET_CLIMATE, Empty.getDefaultInstance()));
        float driver = current.getSetpoints().getRow1Driver();
        ClimateSettings warmer = current.toBuilder().setSetpoints(current.getSetpoints().toBuilder()
                .setRow1Driver(driver + 2)).build();
        ClimateSettings answer = Await.result(client.call(SET_CLIMATE, warmer));
        assertThat(answer.getSetpoints().getRow1Driver()).isEqualTo(driver + 2);
        assertThat(hvac.get(DRIVER)).isEqualTo((double) (driver + 2));

        Throwable refused = Await.failure(client.call(SET_CLIMATE, answer.toBuilder().setSetpoints(ZoneSetpoints
                .newBuilder(answer.getSetpoints()).setRow1Passenger(16)).build()));
        assertThat(((BridgeCallException) refused).status()).isEqualTo(GrpcStatus.PERMISSION_DENIED);
        assertThat(refused.getMessage()).contains(PASSENGER).contains("step");
        assertThat(hvac.get(PASSENGER)).isEqualTo(21.0);
    }

    @Test
    @DisplayName("methods are denied unless a rule names them for the writer")
    void methods() {
        SetZoneTemperatureRequest request = SetZoneTemperatureRequest.newBuilder().setZone(Zone.ZONE_ROW1_DRIVER)
                .setCelsius(20).build();
        Throwable denied = Await.failure(client.call(SET_ZONE, request));
        assertThat(((BridgeCallException) denied).status()).isEqualTo(GrpcStatus.PERMISSION_DENIED);
        assertThat(denied.getMessage()).contains("writer 'app'");
        BridgeClient bench = fixture.client(fixture.keys().token("bench", "read actuate"));
        Await.result(bench.call(SET_ZONE, request));
        BridgeClient readOnly = fixture.client(fixture.keys().token("bench", "read"));
        assertThat(status(readOnly.call(SET_ZONE, request))).isEqualTo(GrpcStatus.PERMISSION_DENIED);
        assertThat(status(client.call(FLY, Empty.getDefaultInstance()))).isEqualTo(GrpcStatus.UNIMPLEMENTED);
    }

    @Test
    @DisplayName("a field notifier streams the current value first, then every change")
    void notifier() {
        List<ClimateSettings> seen = new CopyOnWriteArrayList<>();
        var stream = Await.result(client.stream(CLIMATE_CHANGED, Empty.getDefaultInstance()));
        stream.handler(seen::add);
        stream.resume();
        Await.until(() -> !seen.isEmpty(), "the current value");
        hvac.set(PASSENGER, 25.5);
        Await.until(() -> seen.stream().anyMatch(c -> c.getSetpoints().getRow1Passenger() == 25.5f), "the change");
        hvac.set(PASSENGER, 21.0);
    }
}
