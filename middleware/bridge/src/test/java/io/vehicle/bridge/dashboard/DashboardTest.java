package io.vehicle.bridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's routes on a real bridge with a virtual ECU over SOME/IP: the page and its WebJar, the live
 * feed, and every class of bad request (other origin, not JSON, too large, unknown fields, a service that is not
 * configured or not reachable). The browser test in the launcher shows the page working with the real node and
 * simulator.
 */
class DashboardTest {

    static final String FAN = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";
    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";
    static final String STOP_OFFER = "{\"fault\":{\"target\":{\"ecu\":\"body-ecu\"},\"stopOffer\":{}},"
            + "\"durationMs\":5000}";

    @TempDir
    Path dir;
    BridgeFixture fixture;
    VirtualEcu hvac;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    void start(BridgeConfig.Dashboard dashboard) throws Exception {
        fixture = BridgeFixture.create(dir, 14);
        hvac = fixture.ecu("127.0.0.3", List.of("HvacService"), Map.of(FAN, 10L, CABIN, 18.5));
        fixture.start(config -> config.withDashboard(dashboard), java.time.Clock.systemUTC());
        fixture.awaitValues();
    }

    HttpResponse<Buffer> get(String path) {
        return Await.result(WebClient.create(fixture.clientVertx()).request(HttpMethod.GET,
                fixture.bridge().httpPort(), "127.0.0.1", path).send());
    }

    HttpResponse<Buffer> post(String path, String contentType, String body, String origin) {
        var request = WebClient.create(fixture.clientVertx()).request(HttpMethod.POST, fixture.bridge().httpPort(),
                "127.0.0.1", path);
        if (contentType != null) {
            request.putHeader("content-type", contentType);
        }
        if (origin != null) {
            request.putHeader("origin", origin);
        }
        return Await.result(request.sendBuffer(Buffer.buffer(body)));
    }

    @Test
    @DisplayName("the page, its script and the uPlot WebJar are served from the classpath; unknown files are 404")
    void pageAndAssets() throws Exception {
        start(new BridgeConfig.Dashboard(null, null, null));
        HttpResponse<Buffer> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("/webjars/uplot/dist/uPlot.iife.min.js").doesNotContain("https://");
        assertThat(get("/dashboard.js").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> uplot = get("/webjars/uplot/dist/uPlot.iife.min.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.bodyAsString()).contains("uPlot");
        assertThat(get("/webjars/uplot/dist/uPlot.min.css").statusCode()).isEqualTo(200);
        assertThat(get("/webjars/nosuchlib/x.js").statusCode()).isEqualTo(404);
        assertThat(get("/webjars/uplot/../../../../etc/passwd").statusCode()).isEqualTo(404);
        assertThat(get("/health").statusCode()).as("the operations routes stay").isEqualTo(200);
    }

    @Test
    @DisplayName("panels whose service is not configured say so, with the setting to use")
    void notConfigured() throws Exception {
        start(new BridgeConfig.Dashboard(null, null, null));
        JsonObject config = get("/api/dashboard").bodyAsJsonObject();
        assertThat(config.getJsonObject("assistant").getBoolean("configured")).isFalse();
        assertThat(config.getJsonObject("assistant").getString("hint")).contains("dashboard.assistant");
        assertThat(config.getJsonObject("simulator").getString("hint")).contains("dashboard.simulator");
        HttpResponse<Buffer> ask = post("/api/assistant/ask", "application/json", "{\"sessionId\":\"s\",\"text\":\"hi\"}",
                null);
        assertThat(ask.statusCode()).isEqualTo(404);
        assertThat(ask.bodyAsJsonObject().getString("error")).contains("not configured");
        assertThat(post("/api/simulator/fault", "application/json", "{}", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("bad requests get their own status and reason: other origin, not JSON, too large, unknown field, "
            + "unreachable service")
    void badRequests() throws Exception {
        // Port 1 on loopback: nothing listens there.
        start(new BridgeConfig.Dashboard(true, "127.0.0.1:1", "127.0.0.1:1"));
        String port = Integer.toString(fixture.bridge().httpPort());
        HttpResponse<Buffer> foreign = post("/api/simulator/fault", "application/json", "{}", "http://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(post("/api/simulator/fault", "application/json", STOP_OFFER, "http://127.0.0.1:" + port)
                .statusCode()).as("the page's own origin").isEqualTo(503);
        assertThat(post("/api/simulator/fault", "text/plain", "{}", null).statusCode()).isEqualTo(415);
        assertThat(post("/api/simulator/fault", null, "{}", null).statusCode()).isEqualTo(415);
        HttpResponse<Buffer> large = post("/api/assistant/ask", "application/json",
                "{\"text\":\"" + "x".repeat(70_000) + "\"}", null);
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.bodyAsJsonObject().getString("error")).isEqualTo("request body over 64 KiB");
        HttpResponse<Buffer> unknown = post("/api/simulator/fault", "application/json", "{\"bogus\":1}", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.bodyAsJsonObject().getString("error")).contains("bogus");
        HttpResponse<Buffer> wrongType = post("/api/simulator/drive", "application/json",
                "{\"profile\":{\"segments\":[{\"targetSpeedKmh\":\"fast\"}]}}", null);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(post("/api/assistant/ask", "application/json", "not json", null).statusCode()).isEqualTo(400);
        HttpResponse<Buffer> unreachable = post("/api/assistant/ask", "application/json",
                "{\"sessionId\":\"s\",\"text\":\"hi\"}", null);
        assertThat(unreachable.statusCode()).isEqualTo(503);
        assertThat(unreachable.bodyAsJsonObject().getString("error")).contains("not reachable at 127.0.0.1:1");
        assertThat(get("/api/dashboard").bodyAsJsonObject().getJsonObject("simulator").getBoolean("configured"))
                .isTrue();
    }

    @Test
    @DisplayName("a fault the bridge cannot pass on is refused with the field and the allowed range, before the "
            + "simulator is asked")
    void faultParametersChecked() throws Exception {
        // Port 1: nothing listens there, so a request that passed the checks would answer 503 instead of 400.
        start(new BridgeConfig.Dashboard(true, null, "127.0.0.1:1"));
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"durationMs\":5000}", "fault: give one kind");
        refused.put("{\"fault\":{\"stopOffer\":{}},\"durationMs\":5000}", "fault.target: give an ecu or a service");
        refused.put("{\"fault\":{\"target\":{\"ecu\":\" \"},\"stopOffer\":{}},\"durationMs\":5000}",
                "fault.target.ecu: empty");
        refused.put("{\"fault\":{\"target\":{\"service\":{\"serviceId\":0,\"instanceId\":1}},\"stopOffer\":{}},"
                + "\"durationMs\":5000}", "fault.target.service: 0x0 / 0x1 is not a service instance");
        refused.put("{\"fault\":{\"target\":{\"service\":{\"serviceId\":4660,\"instanceId\":65535}},"
                + "\"stopOffer\":{}},\"durationMs\":5000}", "0x1234 / 0xFFFF is not a service instance");
        refused.put("{\"fault\":{\"target\":{\"ecu\":\"body-ecu\"},\"stopOffer\":{}}}",
                "durationMs: 0 is outside 1000..600000 (1 s to 10 min)");
        refused.put("{\"fault\":{\"target\":{\"ecu\":\"body-ecu\"},\"stopOffer\":{}},\"durationMs\":999}",
                "durationMs: 999 is outside 1000..600000");
        refused.put("{\"fault\":{\"target\":{\"ecu\":\"body-ecu\"},\"stopOffer\":{}},\"durationMs\":600001}",
                "durationMs: 600001 is outside 1000..600000");
        refused.put("{\"fault\":{\"target\":{\"ecu\":\"body-ecu\"},\"packetLoss\":{\"percent\":0}},"
                + "\"durationMs\":5000}", "packetLoss.percent: 0.0 is outside (0, 100]");
        refused.put("{\"fault\":{\"target\":{\"ecu\":\"body-ecu\"},\"packetLoss\":{\"percent\":100.5}},"
                + "\"durationMs\":5000}", "packetLoss.percent: 100.5 is outside (0, 100]");
        refused.put("{\"fault\":{\"target\":{\"ecu\":\"body-ecu\"},\"packetLoss\":{\"percent\":\"NaN\"}},"
                + "\"durationMs\":5000}", "packetLoss.percent: NaN is outside (0, 100]");
        refused.put("{\"fault\":{\"target\":{\"ecu\":\"body-ecu\"},\"ecuRestart\":{\"downMs\":60001}}}",
                "ecuRestart.downMs: 60001 is outside 0..60000");
        refused.put("{\"fault\":{\"target\":{\"ecu\":\"body-ecu\"},\"ecuRestart\":{\"downMs\":4294967295}}}",
                "ecuRestart.downMs: 4294967295 is outside 0..60000");
        refused.forEach((body, reason) -> {
            HttpResponse<Buffer> answer = post("/api/simulator/fault", "application/json", body, null);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.getHeader("content-type")).as(body).isEqualTo("application/json");
            assertThat(answer.bodyAsJsonObject().getString("error")).as(body).contains(reason);
        });
        // Within the limits: passed on, so the unreachable simulator is what answers.
        for (String body : List.of(STOP_OFFER, "{\"fault\":{\"target\":{\"ecu\":\"body-ecu\"},\"ecuRestart\":"
                + "{\"downMs\":3000}}}", "{\"fault\":{\"target\":{\"service\":{\"serviceId\":4660,\"instanceId\":1}},"
                + "\"packetLoss\":{\"percent\":100}},\"durationMs\":600000}")) {
            assertThat(post("/api/simulator/fault", "application/json", body, null).statusCode()).as(body)
                    .isEqualTo(503);
        }
    }

    @Test
    @DisplayName("the live feed: a snapshot of every signal, then changes as the ECU makes them, and the SOME/IP "
            + "view with the time of each service's last offer")
    void liveFeed() throws Exception {
        start(new BridgeConfig.Dashboard(null, null, null));
        BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        HttpClient http = fixture.clientVertx().createHttpClient();
        long connected = System.currentTimeMillis();
        events(http, events);
        JsonObject snapshot = next(events, "snapshot");
        JsonArray signals = snapshot.getJsonObject("data").getJsonArray("signals");
        assertThat(signals).hasSize(fixture.registry().all().size());
        JsonObject fan = signals.stream().map(JsonObject.class::cast).filter(s -> s.getString("path").equals(FAN))
                .findFirst().orElseThrow();
        assertThat(fan.getLong("value")).isEqualTo(10L);
        assertThat(fan.getString("availability")).isEqualTo("AVAILABLE");
        assertThat(fan.getString("unit")).isEqualTo("percent");

        JsonObject someIp = next(events, "someip").getJsonObject("data");
        JsonObject hvacRow = someIp.getJsonArray("services").getJsonObject(0);
        assertThat(hvacRow.getString("service")).isEqualTo("HvacService");
        assertThat(hvacRow.getBoolean("up")).isTrue();
        assertThat(hvacRow.getString("endpoint")).startsWith("127.0.0.3:");
        assertThat(hvacRow.getInteger("subscriptions")).isPositive();
        assertThat(someIp.getJsonArray("services").getJsonObject(1).getBoolean("up")).as("SeatService").isFalse();
        // The ECU repeats its offer every cyclic delay: the time of the last one moves on, here to after we connected.
        while (hvacRow.getLong("lastOffer") < connected) {
            hvacRow = next(events, "someip").getJsonObject("data").getJsonArray("services").getJsonObject(0);
        }
        assertThat(someIp.getJsonArray("services").getJsonObject(1).getValue("lastOffer")).as("SeatService, never "
                + "offered").isNull();

        hvac.set(FAN, 55L);
        JsonObject change = null;
        while (change == null) {
            JsonObject batch = next(events, "signals");
            change = batch.getJsonArray("data").stream().map(JsonObject.class::cast)
                    .filter(s -> s.getString("path").equals(FAN)).findFirst().orElse(null);
        }
        assertThat(change.getLong("value")).isEqualTo(55L);

        hvac.shutdown(); // StopOffer: the view shows the service down with SD's reason
        JsonObject down = null;
        while (down == null) {
            JsonObject view = next(events, "someip").getJsonObject("data").getJsonArray("services").getJsonObject(0);
            down = view.getBoolean("up") ? null : view;
        }
        assertThat(down.getString("reason")).isEqualTo("stop offer");
        http.close();
    }

    @Test
    @DisplayName("the snapshot carries the plotted signals' recent past, so a page opened now starts with a plot")
    void snapshotCarriesPlotHistory() throws Exception {
        start(new BridgeConfig.Dashboard(null, null, null));
        HttpClient http = fixture.clientVertx().createHttpClient();
        JsonObject history;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do { // the bridge samples once a second; a page opened later gets more of them
            BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
            var response = events(http, events);
            history = next(events, "snapshot").getJsonObject("data").getJsonObject("history");
            response.request().connection().close();
            assertThat(System.nanoTime()).as("two samples within 10 s").isLessThan(deadline);
        } while (history.getJsonArray("t").size() < 2);
        assertThat(history.getJsonArray("paths")).containsExactlyElementsOf(PlotHistory.CLIMATE);
        JsonArray times = history.getJsonArray("t");
        assertThat(times.getDouble(1)).as("oldest first").isGreaterThan(times.getDouble(0));
        JsonArray cabin = history.getJsonArray("series").getJsonArray(0);
        assertThat(cabin).hasSameSizeAs(times);
        assertThat(cabin.getDouble(times.size() - 1)).as("the cabin air the ECU reports").isEqualTo(18.5);
        JsonArray outside = history.getJsonArray("series").getJsonArray(3);
        assertThat(outside.getValue(times.size() - 1)).as("outside air: no ECU offers it here").isNull();
        http.close();
    }

    /** Opens the event stream; its events (name and parsed data) go to {@code events}. */
    private HttpClientResponse events(HttpClient http, BlockingQueue<JsonObject> events) {
        StringBuilder pending = new StringBuilder();
        return Await.result(http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(fixture.bridge().httpPort()).setURI("/api/events")).compose(request -> request.send())
                .map(response -> {
                    assertThat(response.getHeader("content-type")).startsWith("text/event-stream");
                    response.handler(chunk -> {
                        pending.append(chunk.toString());
                        int end;
                        while ((end = pending.indexOf("\n\n")) >= 0) {
                            events.add(parse(pending.substring(0, end)));
                            pending.delete(0, end + 2);
                        }
                    });
                    return response;
                }));
    }

    @Test
    @DisplayName("the configuration: dashboard addresses from YAML; a malformed address or an unknown key is refused")
    void configuration() throws Exception {
        Path file = dir.resolve("bridge.yaml");
        java.nio.file.Files.writeString(file, "dashboard: {assistant: 127.0.0.1:55560, simulator: 'sim.local:55557'}\n");
        BridgeConfig.Dashboard loaded = BridgeConfig.load(file).dashboard();
        assertThat(loaded.enabled()).isTrue();
        assertThat(loaded.assistant()).isEqualTo("127.0.0.1:55560");
        assertThat(loaded.simulator()).isEqualTo("sim.local:55557");
        assertThat(BridgeConfig.defaults().dashboard().assistant()).isNull();
        for (String bad : List.of("127.0.0.1", "127.0.0.1:", "host:port", "127.0.0.1:70000", "a b:1")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BridgeConfig.Dashboard(true, bad, null))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not host:port");
        }
        java.nio.file.Files.writeString(file, "dashboard: {assitant: 127.0.0.1:55560}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BridgeConfig.load(file))
                .hasMessageContaining("unknown key 'assitant'");
    }

    private static JsonObject parse(String block) {
        JsonObject event = new JsonObject();
        for (String line : block.split("\n")) {
            if (line.startsWith("event: ")) {
                event.put("event", line.substring(7));
            } else if (line.startsWith("data: ")) {
                String data = line.substring(6);
                event.put("data", data.startsWith("[") ? new JsonArray(data) : new JsonObject(data));
            }
        }
        return event;
    }

    /** The next event of that name within 10 s, skipping others. */
    private static JsonObject next(BlockingQueue<JsonObject> events, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonObject event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no '" + name + "' event within 10 s");
            }
            if (name.equals(event.getString("event"))) {
                return event;
            }
        }
    }
}
