package io.vehicle.bridge.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import io.vehicle.idl.gateway.v1.SubscribeResponse;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading costs nobody else: its queue stays within its bound (latest-only drops and
 * counts, otherwise its stream ends with RESOURCE_EXHAUSTED), while a reading client gets every update and
 * the bridge keeps taking values from the ECU. Shown by counters, not by timing.
 */
class SlowSubscriberTest {

    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";
    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final int QUEUE = 5_000;
    static final int UPDATES = 20_000;
    /** The ECU sends in chunks and waits for the reading client to have each: it never lags a queue behind. */
    static final int CHUNK = 500;

    @TempDir
    Path dir;
    BridgeFixture fixture;
    VirtualEcu hvac;

    @BeforeEach
    void start() throws Exception {
        fixture = BridgeFixture.create(dir, 4);
        hvac = fixture.ecu("127.0.0.3", List.of("HvacService"), Map.of(CABIN, 20.0));
        fixture.start(config -> config.withLimits(new BridgeConfig.Limits(null, QUEUE, null)), Clock.systemUTC());
        fixture.awaitValues();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    GrpcClientResponse<SubscribeRequest, SubscribeResponse> subscribe(String who, boolean latestOnly) {
        BridgeClient client = fixture.client(fixture.keys().token(who, "read"));
        return Await.result(client.stream(GatewayGrpcClient.Subscribe, SubscribeRequest.newBuilder()
                .addPatterns("Vehicle.Cabin.HVAC").setLatestOnly(latestOnly).build()));
    }

    SubscriberStats stats(String who) {
        return fixture.bridge().subscriptions().stats().stream().filter(s -> s.label().startsWith(who + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no subscription of " + who));
    }

    /** Cabin temperature values the ECU sends: 20.0, 20.1, ... as floats on the wire, distinct each time. */
    static double value(int i) {
        return 20.0 + (i % 500) * 0.1 + (i / 500) * 0.01;
    }

    @Test
    @DisplayName("latest-only: the stuck client's queue stays bounded and counts drops; the reading client misses nothing")
    void latestOnly() {
        AtomicLong fastUpdates = new AtomicLong();
        AtomicReference<SignalValue> fastLast = new AtomicReference<>();
        var fast = subscribe("fast", false);
        fast.handler(response -> response.getUpdatesList().stream().filter(u -> u.getPath().equals(CABIN))
                .forEach(u -> {
                    fastUpdates.incrementAndGet();
                    fastLast.set(u);
                }));
        fast.resume();
        var slow = subscribe("slow", true); // never resumed until the end: a client that stopped reading
        Await.until(() -> stats("fast").delivered() > 0 && fixture.bridge().subscriptions().openSubscriptions() == 2,
                "both subscribed");

        for (int i = 1; i <= UPDATES; i++) {
            hvac.set(CABIN, value(i));
            if (i % CHUNK == 0) {
                float sent = (float) value(i);
                Await.until(() -> fastLast.get() != null && fastLast.get().getValue().getFloat() == sent,
                        "the reading client keeps up");
            }
        }
        float last = (float) value(UPDATES);
        Await.until(() -> fastLast.get() != null && fastLast.get().getValue().getFloat() == last,
                () -> "the reading client gets the last value " + last + "; it has " + fastLast.get().getValue()
                        + ", the bridge has " + fixture.bridge().values().get(CABIN).value() + ", the ECU "
                        + hvac.get(CABIN) + "; " + fixture.bridge().subscriptions().stats());

        int snapshot = fixture.registry().matching(io.vehicle.someip.sdk.signal.SignalPattern.parse("Vehicle.Cabin.HVAC"))
                .size(); // the first response holds every subscribed signal
        SubscriberStats slowStats = stats("slow");
        SubscriberStats fastStats = stats("fast");
        assertThat(fastStats.offered()).as("the value flow kept going").isGreaterThan(UPDATES / 2);
        assertThat(fastStats.dropped()).isZero();
        assertThat(fastStats.delivered()).as("the reading client got everything").isEqualTo(fastStats.offered() + snapshot);
        assertThat(fastUpdates.get()).isEqualTo(fastStats.offered() + 1);
        assertThat(slowStats.offered()).as("both queues were offered the same").isEqualTo(fastStats.offered());
        assertThat(slowStats.maxPending()).as("the stuck client's queue").isLessThanOrEqualTo(slowStats.capacity());
        assertThat(slowStats.dropped()).as("replaced values are counted").isPositive();
        assertThat(slowStats.delivered() + slowStats.dropped() + slowStats.pending())
                .as("every update is delivered, waiting or counted as dropped").isEqualTo(slowStats.offered() + snapshot);

        AtomicReference<SubscribeResponse> slowLast = new AtomicReference<>();
        slow.handler(slowLast::set);
        slow.resume();
        Await.until(() -> slowLast.get() != null && slowLast.get().getUpdatesList().stream()
                .anyMatch(u -> u.getPath().equals(CABIN) && u.getValue().getFloat() == last), "the stuck client catches up");
        assertThat(slowLast.get().getDropped()).isEqualTo(stats("slow").dropped());
    }

    @Test
    @DisplayName("keep-all: the stuck client's stream ends with RESOURCE_EXHAUSTED; the reading client is unaffected")
    void keepAllOverflows() {
        AtomicReference<SignalValue> fastLast = new AtomicReference<>();
        var fast = subscribe("fast", false);
        fast.handler(response -> response.getUpdatesList().stream().filter(u -> u.getPath().equals(CABIN))
                .forEach(fastLast::set));
        fast.resume();
        var slow = subscribe("slow", false); // never resumed until the end
        Await.until(() -> fixture.bridge().subscriptions().openSubscriptions() == 2, "both subscribed");

        int sent = 0;
        while (fixture.bridge().subscriptions().overflows() == 0 && sent < 10 * UPDATES) {
            hvac.set(CABIN, value(++sent));
            if (sent % CHUNK == 0) {
                float value = (float) value(sent);
                Await.until(() -> fastLast.get() != null && fastLast.get().getValue().getFloat() == value,
                        "the reading client keeps up");
            }
        }
        assertThat(fixture.bridge().subscriptions().overflows()).isEqualTo(1);
        assertThat(fixture.bridge().subscriptions().openSubscriptions()).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            hvac.set(CABIN, value(++sent));
        }
        float last = (float) value(sent);
        Await.until(() -> fastLast.get() != null && fastLast.get().getValue().getFloat() == last,
                "the reading client still gets every value");
        assertThat(stats("fast").dropped()).isZero();

        slow.handler(response -> { });
        slow.resume();
        Await.result(slow.end().recover(e -> io.vertx.core.Future.succeededFuture()));
        assertThat(slow.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
        assertThat(BridgeClient.statusMessage(slow)).contains("latest_only");
    }
}
