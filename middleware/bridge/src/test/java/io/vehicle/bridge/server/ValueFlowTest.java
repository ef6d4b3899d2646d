package io.vehicle.bridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vehicle.bridge.values.SignalState;
import io.vehicle.someip.sdk.service.ProxyOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ECU's notification reaches the bridge's values on the I/O thread that received it, without a hop to
 * the node's callback thread: one wake-up less per update, on the path whose tail docs/performance.md measures.
 */
class ValueFlowTest {

    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";

    @TempDir
    Path dir;
    BridgeFixture fixture;
    VirtualEcu hvac;

    @BeforeEach
    void start() throws Exception {
        fixture = BridgeFixture.create(dir, 4);
        hvac = fixture.ecu("127.0.0.3", List.of("HvacService"), Map.of(CABIN, 20.0));
        fixture.start(config -> config, Clock.systemUTC());
        fixture.awaitValues();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("the bridge's proxies call back on the I/O thread, and a notification is taken in there")
    void notificationOnIoThread() {
        assertThat(fixture.bridge().node().proxyDefaults().callbackExecutor()).isSameAs(ProxyOptions.DIRECT);
        CompletableFuture<String> thread = new CompletableFuture<>();
        Consumer<SignalState> listener = state -> {
            if (state.path().equals(CABIN) && state.available() && ((Number) state.value()).doubleValue() == 24.5) {
                thread.complete(Thread.currentThread().getName());
            }
        };
        fixture.bridge().values().addListener(listener);
        try {
            hvac.set(CABIN, 24.5);
            assertThat(Await.result(thread)).doesNotStartWith("someip-callbacks");
        } finally {
            fixture.bridge().values().removeListener(listener);
        }
    }
}
