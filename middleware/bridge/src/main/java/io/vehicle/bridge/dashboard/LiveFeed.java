package io.vehicle.bridge.dashboard;

import io.vehicle.bridge.values.LiveValues;
import io.vehicle.bridge.values.SignalState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The page's live data as Server-Sent Events: on connect every signal's definition and state, the plotted
 * signals' recent past ({@link PlotHistory}, sampled every second whether a browser is there or not) and the
 * SOME/IP view; then, every {@value #PERIOD_MS} ms, the signals that changed (their latest state only: a browser needs
 * no intermediate values) and the views that changed. The value flow only marks a path as changed, it never
 * waits for a browser; a browser whose connection cannot keep up skips batches and gets the whole state again
 * once it drains.
 */
final class LiveFeed {

    static final long PERIOD_MS = 250;
    private static final long VIEW_PERIOD_MS = 1000;

    /** A view besides the signals, sent when its JSON changed: the SOME/IP view, the simulator's ECUs. */
    record View(String event, Supplier<JsonObject> source) {
    }

    private final class Browser {
        final HttpServerResponse response;
        volatile boolean needsEverything = true;

        Browser(HttpServerResponse response) {
            this.response = response;
        }
    }

    private final LiveValues values;
    private final List<View> views;
    private final PlotHistory history = new PlotHistory(PlotHistory.CLIMATE, PlotHistory.CLIMATE_SAMPLES);
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final List<Browser> browsers = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, String> lastViews = new ConcurrentHashMap<>();
    private long ticks;

    LiveFeed(Vertx vertx, LiveValues values, List<View> views) {
        this.values = values;
        this.views = views;
        values.addListener(this::changed);
        vertx.setPeriodic(PERIOD_MS, id -> tick());
    }

    private void changed(SignalState state) {
        changed.add(state.path());
    }

    void handle(RoutingContext context) {
        HttpServerResponse response = context.response().setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store");
        Browser browser = new Browser(response);
        response.closeHandler(v -> browsers.remove(browser));
        response.drainHandler(v -> browser.needsEverything = true);
        browsers.add(browser);
        // A comment line opens the stream at once, so the page knows it is connected before the first tick.
        response.write(": connected\n\n");
    }

    private void tick() {
        // The views are asked even with no browser, so "since" in the SOME/IP view is when the change happened.
        boolean viewTick = ticks++ % (VIEW_PERIOD_MS / PERIOD_MS) == 0;
        if (viewTick) {
            history.sample(values.clock().millis(), path -> {
                SignalState state = values.get(path);
                return state == null ? null : state.value(); // null unless available
            });
        }
        java.util.Map<String, String> viewEvents = new java.util.LinkedHashMap<>();
        for (View view : views) {
            if (viewTick || !lastViews.containsKey(view.event())) {
                String json = view.source().get().encode();
                if (!json.equals(lastViews.put(view.event(), json))) {
                    viewEvents.put(view.event(), json);
                }
            }
        }
        if (browsers.isEmpty()) {
            changed.clear();
            return;
        }
        JsonArray batch = new JsonArray();
        for (String path : List.copyOf(changed)) {
            changed.remove(path);
            batch.add(SignalJson.state(values.get(path)));
        }
        for (Browser browser : browsers) {
            HttpServerResponse response = browser.response;
            if (response.writeQueueFull()) {
                browser.needsEverything = true;
                continue;
            }
            if (browser.needsEverything) {
                browser.needsEverything = false;
                send(response, "snapshot", everything().encode());
                lastViews.forEach((event, json) -> send(response, event, json));
                continue;
            }
            if (!batch.isEmpty()) {
                send(response, "signals", batch.encode());
            }
            viewEvents.forEach((event, json) -> send(response, event, json));
        }
    }

    private JsonObject everything() {
        JsonArray signals = new JsonArray();
        for (SignalState state : values.all()) {
            signals.add(SignalJson.definition(state.signal()).mergeIn(SignalJson.state(state)));
        }
        return new JsonObject().put("signals", signals).put("history", history.toJson())
                .put("now", System.currentTimeMillis());
    }

    /** One SSE event; the JSON is one line, so one data line holds it. */
    private static void send(HttpServerResponse response, String event, String json) {
        if (response.closed()) {
            return; // the browser left; its close handler removes it
        }
        response.write("event: " + event + "\ndata: " + json + "\n\n");
    }
}
