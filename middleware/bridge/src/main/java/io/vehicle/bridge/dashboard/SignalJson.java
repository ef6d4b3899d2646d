package io.vehicle.bridge.dashboard;

import io.vehicle.bridge.values.SignalState;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A signal as the page shows it: its definition once, then its state at every change. */
final class SignalJson {

    private SignalJson() {
    }

    /** What does not change: unit, type, limits, access, the service that carries it. */
    static JsonObject definition(SignalDefinition signal) {
        return new JsonObject().put("path", signal.path()).put("type", signal.type().name())
                .put("unit", signal.unit()).put("min", signal.min()).put("max", signal.max())
                .put("writable", signal.writable()).put("service", signal.service().descriptor().getName())
                .put("description", signal.description());
    }

    /** Value (plain JSON: number, boolean, text, array), availability, when it entered that state, why not. */
    static JsonObject state(SignalState state) {
        return new JsonObject().put("path", state.path()).put("value", value(state.value()))
                .put("availability", state.availability().name()).put("at", state.timestamp().toEpochMilli())
                .put("reason", state.reason());
    }

    private static Object value(Object value) {
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        return value;
    }
}
