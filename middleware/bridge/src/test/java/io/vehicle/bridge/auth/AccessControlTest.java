package io.vehicle.bridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.client.BridgeCallException;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.TestKeys;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.PolicyCheck;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.kuksa.val.v2.ActuateRequest;
import io.vehicle.idl.kuksa.val.v2.GetValueRequest;
import io.vehicle.idl.kuksa.val.v2.SignalID;
import io.vehicle.idl.kuksa.val.v2.SubscribeRequest;
import io.vehicle.idl.kuksa.val.v2.VALGrpcClient;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access control on a running bridge, as gRPC clients see it: a valid token works; missing, expired and
 * wrongly signed tokens get UNAUTHENTICATED; missing scopes get PERMISSION_DENIED (KUKSA) or
 * DENIED_BY_POLICY with check SCOPE (gateway); a scope on Row2 works for Row2 only.
 */
class AccessControlTest {

    static final String ROW1_HEAT = "Vehicle.Cabin.Seat.Row1.DriverSide.Heating";
    static final String ROW2_HEAT = "Vehicle.Cabin.Seat.Row2.DriverSide.Heating";
    static final String SPEED = "Vehicle.Speed";

    @TempDir
    static Path dir;
    static BridgeFixture fixture;
    static VirtualEcu seats;

    @BeforeAll
    static void start() throws Exception {
        fixture = BridgeFixture.create(dir, 3);
        fixture.policy("""
                rules:
                  - id: seats
                    signals: [Vehicle.Cabin.Seat]
                    writers: ["*"]
                """);
        seats = fixture.ecu("127.0.0.3", List.of("SeatService", "VehicleStateService"), Map.of(SPEED, 0.0));
        fixture.start();
        fixture.awaitValues();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static GrpcStatus status(io.vertx.core.Future<?> call) {
        Throwable failure = Await.failure(call);
        assertThat(failure).isInstanceOf(BridgeCallException.class);
        return ((BridgeCallException) failure).status();
    }

    static GetValueRequest get(String path) {
        return GetValueRequest.newBuilder().setSignalId(SignalID.newBuilder().setPath(path)).build();
    }

    @Test
    @DisplayName("no token, a malformed one, an expired one and one signed by another key: UNAUTHENTICATED everywhere")
    void unauthenticated() throws Exception {
        TestKeys stranger = TestKeys.create(java.nio.file.Files.createDirectories(dir.resolve("stranger")), "ec");
        List<String> bad = List.of("", "garbage", fixture.keys().token("a", "", "read actuate",
                Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)), stranger.token("a", "read actuate"));
        for (String token : bad) {
            BridgeClient client = fixture.client(token.isEmpty() ? null : token);
            assertThat(status(client.call(VALGrpcClient.GetValue, get(SPEED)))).as(token).isEqualTo(GrpcStatus.UNAUTHENTICATED);
            assertThat(status(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder()
                    .addWrites(write(ROW2_HEAT, 10)).build()))).isEqualTo(GrpcStatus.UNAUTHENTICATED);
            var stream = Await.result(client.stream(VALGrpcClient.Subscribe, SubscribeRequest.newBuilder()
                    .addSignalPaths(SPEED).build()));
            stream.resume();
            Await.result(stream.end().recover(e -> io.vertx.core.Future.succeededFuture()));
            assertThat(stream.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
        }
        assertThat(seats.get(ROW2_HEAT)).isEqualTo(0L);
    }

    @Test
    @DisplayName("a read-only token reads but cannot write: KUKSA PERMISSION_DENIED, gateway DENIED_BY_POLICY (SCOPE)")
    void readOnly() {
        BridgeClient client = fixture.client(fixture.keys().token("viewer", "read"));
        assertThat(Await.result(client.call(VALGrpcClient.GetValue, get(SPEED))).getDataPoint().getValue().getFloat())
                .isEqualTo(0f);
        assertThat(status(client.call(VALGrpcClient.Actuate, ActuateRequest.newBuilder()
                .setSignalId(SignalID.newBuilder().setPath(ROW2_HEAT)).setValue(Value.newBuilder().setUint32(10))
                .build()))).isEqualTo(GrpcStatus.PERMISSION_DENIED);
        WriteResult result = Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder()
                .addWrites(write(ROW2_HEAT, 10)).build())).getResults(0);
        assertThat(result.getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_DENIED_BY_POLICY);
        assertThat(result.getVerdict().getCheck()).isEqualTo(PolicyCheck.POLICY_CHECK_SCOPE);
        assertThat(result.getReason()).contains("no actuate scope").contains(ROW2_HEAT);
        assertThat(seats.get(ROW2_HEAT)).isEqualTo(0L);
    }

    @Test
    @DisplayName("scopes on a branch with a digit: actuate:...Row2 writes Row2, not Row1; read:...Row2 reads nothing else")
    void rowScopes() {
        BridgeClient client = fixture.client(fixture.keys().token("rear-panel",
                "read:Vehicle.Cabin.Seat.Row2 actuate:Vehicle.Cabin.Seat.Row2"));
        WriteResult row2 = Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder()
                .addWrites(write(ROW2_HEAT, 40)).build())).getResults(0);
        assertThat(row2.getStatus()).as(row2.getReason()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
        assertThat(seats.get(ROW2_HEAT)).isEqualTo(40L);
        WriteResult row1 = Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder()
                .addWrites(write(ROW1_HEAT, 40)).build())).getResults(0);
        assertThat(row1.getVerdict().getCheck()).isEqualTo(PolicyCheck.POLICY_CHECK_SCOPE);
        assertThat(seats.get(ROW1_HEAT)).isEqualTo(0L);
        assertThat(status(client.call(VALGrpcClient.GetValue, get(SPEED)))).isEqualTo(GrpcStatus.PERMISSION_DENIED);
        assertThat(Await.result(client.call(VALGrpcClient.GetValue, get(ROW2_HEAT))).getDataPoint().getValue()
                .getUint32()).isEqualTo(40);
        var stream = Await.result(client.stream(VALGrpcClient.Subscribe, SubscribeRequest.newBuilder()
                .addSignalPaths(ROW2_HEAT).addSignalPaths(SPEED).build()));
        stream.resume();
        Await.result(stream.end().recover(e -> io.vertx.core.Future.succeededFuture()));
        assertThat(stream.status()).isEqualTo(GrpcStatus.PERMISSION_DENIED);
    }

    static SignalWrite write(String path, int value) {
        return SignalWrite.newBuilder().setPath(path).setValue(Value.newBuilder().setUint32(value)).build();
    }
}
