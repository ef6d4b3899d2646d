package io.vehicle.bridge.dashboard;

import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.values.EcuAvailability;
import io.vehicle.bridge.values.LiveValues;
import io.vehicle.bridge.values.ValueFeed;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard on the bridge's HTTP port: the page and its assets (from the classpath and WebJars), the
 * live feed (Server-Sent Events from the bridge's own values and SOME/IP view), and the panels that act through
 * other programs' gRPC APIs: the AI node ({@code vehicle.assistant.v1}) and the simulator's control API
 * ({@code vehicle.simulator.v1}), at the addresses of {@code dashboard.assistant} and {@code dashboard.simulator}.
 *
 * <p>The page's own calls are POSTs of JSON from the same origin: a request with another content type or from
 * another origin is refused, so a web page elsewhere cannot make a browser on this machine trigger faults or
 * speak to the assistant (such a cross-origin request would need a CORS preflight the dashboard never answers).
 */
public final class Dashboard {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final long MAX_BODY_BYTES = 64 * 1024;
    private static final String WEB_ROOT = "io/vehicle/bridge/dashboard/web";

    private Dashboard() {
    }

    /** What the dashboard shows, all from the running bridge. */
    public record Sources(LiveValues values, EcuAvailability availability, ValueFeed feed, SomeIpNode node,
                         List<ServiceBinding> services) {
    }

    public static void mount(Router router, Vertx vertx, BridgeConfig.Dashboard config, Sources sources) {
        ServiceLink assistant = new ServiceLink(vertx, "the assistant", config.assistant(), "dashboard.assistant");
        ServiceLink simulator = new ServiceLink(vertx, "the simulator", config.simulator(), "dashboard.simulator");
        SomeIpView someIp = new SomeIpView(sources.services(), sources.availability(), sources.feed(), sources.node(),
                sources.values().clock());
        SimulatorRoutes simulatorRoutes = new SimulatorRoutes(vertx, simulator);
        LiveFeed feed = new LiveFeed(vertx, sources.values(), List.of(new LiveFeed.View("someip", someIp::snapshot),
                new LiveFeed.View("ecus", simulatorRoutes::ecus)));

        router.route("/api/*").handler(Dashboard::sameOriginJson).failureHandler(Dashboard::failed);
        router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.get("/api/dashboard").handler(context -> context.response()
                .putHeader("content-type", "application/json").end(new JsonObject()
                        .put("assistant", assistant.describe()).put("simulator", simulator.describe()).encode()));
        router.get("/api/events").handler(feed::handle);
        new AssistantRoutes(assistant).mount(router);
        simulatorRoutes.mount(router);
        WebJarRoutes.mount(router);
        router.get("/*").handler(StaticHandler.create(WEB_ROOT).setIndexPage("index.html").setCachingEnabled(false));
    }

    /** A request that failed in a handler (a body over the limit, an unexpected error): JSON, like every answer. */
    private static void failed(RoutingContext context) {
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        if (context.failure() != null) {
            LOG.warn("Dashboard request {} failed: {}", context.request().path(), context.failure().toString());
        }
        ServiceLink.error(context.response(), status, status == 413 ? "request body over " + MAX_BODY_BYTES / 1024
                + " KiB" : context.failure() != null ? context.failure().getMessage() : "HTTP " + status);
    }

    private static void sameOriginJson(RoutingContext context) {
        String origin = context.request().getHeader("origin");
        String host = context.request().getHeader("host");
        if (origin != null && !(origin.equals("http://" + host) || origin.equals("https://" + host))) {
            ServiceLink.error(context.response(), 403, "requests from " + origin + " are not accepted");
            return;
        }
        if (context.request().method() == HttpMethod.POST) {
            String type = context.request().getHeader("content-type");
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                ServiceLink.error(context.response(), 415, "send application/json");
                return;
            }
        }
        context.next();
    }
}
