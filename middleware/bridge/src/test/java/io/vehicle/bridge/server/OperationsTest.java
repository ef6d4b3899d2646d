package io.vehicle.bridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, readiness and Prometheus metrics; the configuration file; min_interval_ms on subscriptions. */
class OperationsTest {

    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";
    static final String FAN = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";

    @TempDir
    Path dir;
    BridgeFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    HttpResponse<Buffer> get(String path) {
        return Await.result(WebClient.create(fixture.clientVertx()).request(HttpMethod.GET,
                fixture.bridge().httpPort(), "127.0.0.1", path).send());
    }

    @Test
    @DisplayName("/health lists policy, audit, subscriptions and every ECU; /ready is 200; /metrics counts calls and writes")
    void endpoints() throws Exception {
        fixture = BridgeFixture.create(dir, 13);
        VirtualEcu hvac = fixture.ecu("127.0.0.3", List.of("HvacService"), Map.of(FAN, 10L));
        fixture.start();
        fixture.awaitValues();
        BridgeClient client = fixture.client(fixture.keys().token("ops", "read actuate"));
        Await.result(client.call(GatewayGrpcClient.Write, WriteRequest.newBuilder().addWrites(SignalWrite.newBuilder()
                .setPath(FAN).setValue(Value.newBuilder().setUint32(20))).build()));

        JsonObject health = get("/health").bodyAsJsonObject();
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getJsonObject("policy").getString("source")).isEqualTo("built-in default policy");
        assertThat(health.getJsonArray("ecus")).hasSize(9);
        JsonObject hvacHealth = health.getJsonArray("ecus").getJsonObject(0);
        assertThat(hvacHealth.getString("service")).isEqualTo("vehicle.hvac.v1.HvacService");
        assertThat(hvacHealth.getBoolean("available")).isTrue();
        assertThat(health.getJsonArray("ecus").getJsonObject(1).getBoolean("available")).isFalse();
        assertThat(get("/ready").statusCode()).isEqualTo(200);

        String metrics = get("/metrics").bodyAsString();
        assertThat(metrics).contains("bridge_grpc_calls_total{rpc=\"vehicle.gateway.v1.Gateway/Write\",status=\"OK\"}")
                .contains("bridge_writes_total{status=\"CONFIRMED\"}").contains("bridge_write_latency_seconds")
                .contains("bridge_ecus_available 1.0").contains("bridge_subscriptions_open")
                .contains("someip_refusals_total{reason=\"sd.SD_ENDPOINT_NOT_SOURCE\"} 0.0")
                .contains("someip_refusals_total{reason=\"endpoint.SOURCE_NOT_PEER\"}");
        assertThat(hvac.get(FAN)).isEqualTo(20L);
        Await.until(() -> fixture.bridge().audit().written() == 1, "the audit line");
        assertThat(get("/health").bodyAsJsonObject().getJsonObject("audit").getLong("written")).isEqualTo(1);
    }

    @Test
    @DisplayName("min_interval_ms: a burst reaches the client as fewer updates, the newest last")
    void minInterval() throws Exception {
        fixture = BridgeFixture.create(dir, 13);
        VirtualEcu hvac = fixture.ecu("127.0.0.3", List.of("HvacService"), Map.of(CABIN, 20.0));
        fixture.start();
        fixture.awaitValues();
        BridgeClient client = fixture.client(fixture.keys().token("ops", "read"));
        List<Float> seen = new CopyOnWriteArrayList<>();
        var stream = Await.result(client.stream(GatewayGrpcClient.Subscribe, SubscribeRequest.newBuilder()
                .addPatterns(CABIN).setMinIntervalMs(500).build()));
        stream.handler(response -> response.getUpdatesList().forEach(u -> seen.add(u.getValue().getFloat())));
        stream.resume();
        Await.until(() -> !seen.isEmpty(), "the first response");
        for (int i = 1; i <= 200; i++) {
            hvac.set(CABIN, 20.0 + i * 0.1);
        }
        float last = (float) (20.0 + 200 * 0.1);
        Await.until(() -> seen.get(seen.size() - 1) == last, "the newest value arrives");
        assertThat(fixture.bridge().values().get(CABIN).version()).isGreaterThan(150);
        assertThat(seen.size()).as("updates seen: %s", seen).isLessThan(100);
    }

    @Test
    @DisplayName("the configuration file: defaults, relative paths resolved, unknown keys refused with the key's name")
    void configuration() throws Exception {
        Path file = dir.resolve("bridge.yaml");
        Files.writeString(file, """
                grpc:
                  port: 6000
                auth:
                  publicKey: keys/public.pem
                policy:
                  file: policy.yaml
                """);
        BridgeConfig config = BridgeConfig.load(file);
        assertThat(config.grpc().port()).isEqualTo(6000);
        assertThat(config.grpc().host()).isEqualTo("127.0.0.1");
        assertThat(config.auth().enabled()).isTrue();
        assertThat(config.auth().publicKey()).isEqualTo(dir.resolve("keys/public.pem").toString());
        assertThat(config.policy().file()).isEqualTo(dir.resolve("policy.yaml").toString());
        assertThat(config.http().port()).isEqualTo(55556);
        Files.writeString(file, "auth:\n  enable: false\n");
        assertThatThrownBy(() -> BridgeConfig.load(file)).hasMessageContaining("unknown key 'enable'");
        assertThatThrownBy(() -> Bridge.start(BridgeConfig.defaults().withGrpc(new BridgeConfig.Grpc(null, 0, null,
                null, null)).withHttp(new BridgeConfig.Http(null, 0)).withAudit(new BridgeConfig.Audit(
                dir.resolve("a.jsonl").toString())))).hasMessageContaining("auth.publicKey is not set");
    }
}
