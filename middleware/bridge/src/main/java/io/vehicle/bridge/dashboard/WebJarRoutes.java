package io.vehicle.bridge.dashboard;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import org.webjars.WebJarVersionLocator;

/**
 * Front-end libraries from the WebJars on the classpath, at {@code /webjars/NAME/FILE} without their version
 * (webjars-locator-lite finds it), so a version change in the pom needs no change in the page. Nothing is
 * fetched from a CDN.
 */
final class WebJarRoutes {

    private static final String VERSIONED = "/webjars-versioned/";

    private WebJarRoutes() {
    }

    static void mount(Router router) {
        WebJarVersionLocator locator = new WebJarVersionLocator();
        router.get("/webjars/:name/*").handler(context -> {
            String name = context.pathParam("name");
            String file = context.pathParam("*");
            // The locator answers null for a WebJar that is not on the classpath.
            String path = file == null || file.contains("..") ? null : locator.path(name, file);
            if (path == null) {
                context.response().setStatusCode(404).end("no WebJar file " + name + "/" + file);
            } else {
                context.reroute(VERSIONED + path);
            }
        });
        router.get(VERSIONED + "*").handler(StaticHandler.create("META-INF/resources/webjars")
                .setMaxAgeSeconds(86_400));
    }
}
