package io.vehicle.bridge.kuksa;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.client.BridgeCallException;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vehicle.idl.kuksa.val.v2.ActuateRequest;
import io.vehicle.idl.kuksa.val.v2.BatchActuateRequest;
import io.vehicle.idl.kuksa.val.v2.DataType;
import io.vehicle.idl.kuksa.val.v2.Datapoint;
import io.vehicle.idl.kuksa.val.v2.EntryType;
import io.vehicle.idl.kuksa.val.v2.Filter;
import io.vehicle.idl.kuksa.val.v2.GetServerInfoRequest;
import io.vehicle.idl.kuksa.val.v2.GetValueRequest;
import io.vehicle.idl.kuksa.val.v2.GetValuesRequest;
import io.vehicle.idl.kuksa.val.v2.ListMetadataRequest;
import io.vehicle.idl.kuksa.val.v2.Metadata;
import io.vehicle.idl.kuksa.val.v2.OpenProviderStreamRequest;
import io.vehicle.idl.kuksa.val.v2.PublishValueRequest;
import io.vehicle.idl.kuksa.val.v2.SignalID;
import io.vehicle.idl.kuksa.val.v2.SubscribeByIdRequest;
import io.vehicle.idl.kuksa.val.v2.SubscribeRequest;
import io.vehicle.idl.kuksa.val.v2.VALGrpcClient;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kuksa.val.v2.VAL on a running bridge, every rpc, with the statuses a KUKSA client handles. */
class KuksaValServiceTest {

    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String FAN = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";
    static final String DISTRIBUTION = "Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution";
    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";

    @TempDir
    static Path dir;
    static BridgeFixture fixture;
    static VirtualEcu hvac;
    static BridgeClient client;

    @BeforeAll
    static void start() throws Exception {
        fixture = BridgeFixture.create(dir, 6);
        fixture.policy("""
                rules:
                  - id: hvac
                    signals: [Vehicle.Cabin.HVAC]
                    writers: ["*"]
                """);
        hvac = fixture.ecu("127.0.0.3", List.of("HvacService"), Map.of(DRIVER, 21.0, FAN, 30L, CABIN, -4.5,
                DISTRIBUTION, "UP"));
        fixture.start();
        fixture.awaitValues();
        client = fixture.client(fixture.keys().token("kuksa-user", "read actuate provide:Vehicle.Cabin"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static SignalID path(String path) {
        return SignalID.newBuilder().setPath(path).build();
    }

    static GrpcStatus status(Future<?> call) {
        return ((BridgeCallException) Await.failure(call)).status();
    }

    @Test
    @DisplayName("GetServerInfo, GetValue by path and id, GetValues in order, typed values with timestamps")
    void reads() {
        assertThat(Await.result(client.call(VALGrpcClient.GetServerInfo, GetServerInfoRequest.getDefaultInstance()))
                .getName()).isEqualTo("vehicle-bridge");
        Datapoint cabin = Await.result(client.call(VALGrpcClient.GetValue, GetValueRequest.newBuilder()
                .setSignalId(path(CABIN)).build())).getDataPoint();
        assertThat(cabin.getValue().getFloat()).isEqualTo(-4.5f);
        assertThat(cabin.getTimestamp().getSeconds()).isPositive();
        int id = Await.result(client.call(VALGrpcClient.ListMetadata, ListMetadataRequest.newBuilder().setRoot(FAN)
                .build())).getMetadata(0).getId();
        var values = Await.result(client.call(VALGrpcClient.GetValues, GetValuesRequest.newBuilder()
                .addSignalIds(SignalID.newBuilder().setId(id)).addSignalIds(path(DISTRIBUTION)).build()));
        assertThat((long) values.getDataPoints(0).getValue().getUint32()).isEqualTo(hvac.get(FAN));
        assertThat(values.getDataPoints(1).getValue().getString()).isEqualTo(hvac.get(DISTRIBUTION));
    }

    @Test
    @DisplayName("NOT_FOUND for unknown paths and ids, INVALID_ARGUMENT for empty or oversized requests")
    void readErrors() {
        assertThat(status(client.call(VALGrpcClient.GetValue, GetValueRequest.newBuilder()
                .setSignalId(path("Vehicle.Nope")).build()))).isEqualTo(GrpcStatus.NOT_FOUND);
        assertThat(status(client.call(VALGrpcClient.GetValue, GetValueRequest.newBuilder()
                .setSignalId(SignalID.newBuilder().setId(99_999)).build()))).isEqualTo(GrpcStatus.NOT_FOUND);
        assertThat(status(client.call(VALGrpcClient.GetValue, GetValueRequest.getDefaultInstance())))
                .isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(status(client.call(VALGrpcClient.GetValues, GetValuesRequest.getDefaultInstance())))
                .isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(status(client.call(VALGrpcClient.GetValue, GetValueRequest.newBuilder()
                .setSignalId(path("Vehicle." + "x".repeat(2000))).build()))).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(status(client.call(VALGrpcClient.GetValues, GetValuesRequest.newBuilder()
                .addSignalIds(path(DRIVER)).addSignalIds(path("Vehicle.Nope")).build()))).isEqualTo(GrpcStatus.NOT_FOUND);
    }

    @Test
    @DisplayName("ListMetadata: a branch, a pattern, one signal; types, units, limits and allowed values from the IDL")
    void metadata() {
        List<Metadata> hvacSignals = Await.result(client.call(VALGrpcClient.ListMetadata, ListMetadataRequest
                .newBuilder().setRoot("Vehicle.Cabin.HVAC").build())).getMetadataList();
        assertThat(hvacSignals).hasSize(13);
        Metadata fan = hvacSignals.stream().filter(m -> m.getPath().equals(FAN)).findFirst().orElseThrow();
        assertThat(fan.getDataType()).isEqualTo(DataType.DATA_TYPE_UINT8);
        assertThat(fan.getEntryType()).isEqualTo(EntryType.ENTRY_TYPE_ACTUATOR);
        assertThat(fan.getUnit()).isEqualTo("percent");
        assertThat(fan.getMin().getUint32()).isZero();
        assertThat(fan.getMax().getUint32()).isEqualTo(100);
        Metadata distribution = hvacSignals.stream().filter(m -> m.getPath().equals(DISTRIBUTION)).findFirst()
                .orElseThrow();
        assertThat(distribution.getAllowedValues().getStringArray().getValuesList()).containsExactly("UP", "MIDDLE",
                "DOWN");
        Metadata cabin = hvacSignals.stream().filter(m -> m.getPath().equals(CABIN)).findFirst().orElseThrow();
        assertThat(cabin.getEntryType()).isEqualTo(EntryType.ENTRY_TYPE_SENSOR);
        assertThat(Await.result(client.call(VALGrpcClient.ListMetadata, ListMetadataRequest.newBuilder()
                .setRoot("Vehicle.Cabin.HVAC.Station.*.*.Temperature").build())).getMetadataCount()).isEqualTo(4);
        assertThat(status(client.call(VALGrpcClient.ListMetadata, ListMetadataRequest.newBuilder()
                .setRoot("Vehicle.Cabin.Nothing").build()))).isEqualTo(GrpcStatus.NOT_FOUND);
        assertThat(status(client.call(VALGrpcClient.ListMetadata, ListMetadataRequest.getDefaultInstance())))
                .isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    }

    @Test
    @DisplayName("Actuate reaches the ECU; BatchActuate is all or nothing; ActuateStream applies each")
    void actuate() {
        Await.result(client.call(VALGrpcClient.Actuate, ActuateRequest.newBuilder().setSignalId(path(DRIVER))
                .setValue(Value.newBuilder().setFloat(22.5f)).build()));
        assertThat(hvac.get(DRIVER)).isEqualTo(22.5);

        int applied = hvac.applied().size();
        assertThat(status(client.call(VALGrpcClient.BatchActuate, BatchActuateRequest.newBuilder()
                .addActuateRequests(ActuateRequest.newBuilder().setSignalId(path(DRIVER))
                        .setValue(Value.newBuilder().setFloat(23f)))
                .addActuateRequests(ActuateRequest.newBuilder().setSignalId(path(FAN))
                        .setValue(Value.newBuilder().setUint32(101))).build()))).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(hvac.applied()).hasSize(applied);
        assertThat(hvac.get(DRIVER)).isEqualTo(22.5);

        Await.result(client.call(VALGrpcClient.BatchActuate, BatchActuateRequest.newBuilder()
                .addActuateRequests(ActuateRequest.newBuilder().setSignalId(path(DRIVER))
                        .setValue(Value.newBuilder().setFloat(23f)))
                .addActuateRequests(ActuateRequest.newBuilder().setSignalId(path(DISTRIBUTION))
                        .setValue(Value.newBuilder().setString("DOWN"))).build()));
        assertThat(hvac.get(DRIVER)).isEqualTo(23.0);
        assertThat(hvac.get(DISTRIBUTION)).isEqualTo("DOWN");

        var call = Await.result(client.open(VALGrpcClient.ActuateStream));
        call.write(ActuateRequest.newBuilder().setSignalId(path(FAN)).setValue(Value.newBuilder().setUint32(44)).build());
        call.write(ActuateRequest.newBuilder().setSignalId(path(DRIVER)).setValue(Value.newBuilder().setFloat(19f))
                .build());
        call.end();
        Await.result(call.response().compose(r -> r.last()));
        assertThat(hvac.get(FAN)).isEqualTo(44L);
        assertThat(hvac.get(DRIVER)).isEqualTo(19.0);

        assertThat(status(client.call(VALGrpcClient.Actuate, ActuateRequest.newBuilder().setSignalId(path(CABIN))
                .setValue(Value.newBuilder().setFloat(20f)).build()))).as("a sensor").isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(status(client.call(VALGrpcClient.Actuate, ActuateRequest.newBuilder().setSignalId(path(FAN))
                .setValue(Value.newBuilder().setString("fast")).build()))).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(status(client.call(VALGrpcClient.Actuate, ActuateRequest.newBuilder()
                .setSignalId(path("Vehicle.Cabin.Nope")).setValue(Value.newBuilder().setFloat(1)).build())))
                .isEqualTo(GrpcStatus.NOT_FOUND);
    }

    @Test
    @DisplayName("Subscribe and SubscribeById: the current values first, then changes; duration_ms ends the stream")
    void subscribe() {
        List<Map<String, Datapoint>> byPath = new CopyOnWriteArrayList<>();
        var stream = Await.result(client.stream(VALGrpcClient.Subscribe, SubscribeRequest.newBuilder()
                .addSignalPaths(CABIN).addSignalPaths(FAN).build()));
        stream.handler(r -> byPath.add(r.getEntriesMap()));
        stream.resume();
        int cabinId = Await.result(client.call(VALGrpcClient.ListMetadata, ListMetadataRequest.newBuilder()
                .setRoot(CABIN).build())).getMetadata(0).getId();
        List<Map<Integer, Datapoint>> byId = new CopyOnWriteArrayList<>();
        var idStream = Await.result(client.stream(VALGrpcClient.SubscribeById, SubscribeByIdRequest.newBuilder()
                .addSignalIds(cabinId).build()));
        idStream.handler(r -> byId.add(r.getEntriesMap()));
        idStream.resume();
        Await.until(() -> !byPath.isEmpty() && !byId.isEmpty(), "first responses");
        assertThat(byPath.get(0)).containsOnlyKeys(CABIN, FAN);
        hvac.set(CABIN, 3.25);
        Await.until(() -> byPath.stream().anyMatch(m -> m.containsKey(CABIN) && m.get(CABIN).getValue().getFloat() == 3.25f)
                && byId.stream().anyMatch(m -> m.get(cabinId).getValue().getFloat() == 3.25f), "the change");

        var timed = Await.result(client.stream(VALGrpcClient.Subscribe, SubscribeRequest.newBuilder()
                .addSignalPaths(CABIN).setFilter(Filter.newBuilder().setDurationMs(200)).build()));
        timed.handler(r -> { });
        timed.resume();
        Await.result(timed.end());
        assertThat(timed.status()).isEqualTo(GrpcStatus.OK);

        var unknown = Await.result(client.stream(VALGrpcClient.Subscribe, SubscribeRequest.newBuilder()
                .addSignalPaths("Vehicle.Nope").build()));
        unknown.resume();
        Await.result(unknown.end().recover(e -> Future.succeededFuture()));
        assertThat(unknown.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    }

    @Test
    @DisplayName("PublishValue is refused (ECUs provide every signal); OpenProviderStream is not offered")
    void providers() {
        assertThat(status(client.call(VALGrpcClient.PublishValue, PublishValueRequest.newBuilder()
                .setSignalId(path(CABIN)).setDataPoint(Datapoint.newBuilder().setValue(Value.newBuilder().setFloat(1)))
                .build()))).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
        assertThat(status(client.call(VALGrpcClient.PublishValue, PublishValueRequest.newBuilder()
                .setSignalId(path("Vehicle.Speed")).build()))).as("no provide scope there")
                .isEqualTo(GrpcStatus.PERMISSION_DENIED);
        var provider = Await.result(client.open(VALGrpcClient.OpenProviderStream));
        provider.write(OpenProviderStreamRequest.getDefaultInstance());
        var response = Await.result(provider.response());
        response.handler(r -> { });
        Await.result(response.end().recover(e -> Future.succeededFuture()));
        assertThat(response.status()).isEqualTo(GrpcStatus.UNIMPLEMENTED);
    }
}
