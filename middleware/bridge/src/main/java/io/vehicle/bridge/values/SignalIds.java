package io.vehicle.bridge.values;

import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The numeric ids of kuksa.val.v2 (SignalID.id, SubscribeById): 1, 2, 3... in catalog order, so they are
 * stable for one IDL and never 0 (what an unset id reads as).
 */
public final class SignalIds {

    private final Map<String, Integer> byPath = new HashMap<>();
    private final List<String> paths = new ArrayList<>();

    public SignalIds(SignalRegistry registry) {
        for (SignalDefinition signal : registry.all()) {
            paths.add(signal.path());
            byPath.put(signal.path(), paths.size());
        }
    }

    public int id(String path) {
        return byPath.getOrDefault(path, 0);
    }

    /** The path of an id, or null. */
    public String path(int id) {
        return id >= 1 && id <= paths.size() ? paths.get(id - 1) : null;
    }
}
