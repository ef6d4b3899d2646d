package io.vehicle.launcher.demo;

import io.vehicle.bridge.server.Bridge;
import io.vehicle.bridge.values.SignalState;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Waits until the bridge sees every catalog service through SD: each change of a signal's availability asks. */
final class EcuDiscovery {

    private final Bridge bridge;
    private final List<ServiceBinding> services;

    EcuDiscovery(Bridge bridge) {
        this.bridge = bridge;
        this.services = bridge.values().all().stream().map(state -> state.signal().service()).distinct().toList();
    }

    int total() {
        return services.size();
    }

    /** The services SD does not see now, by name. */
    List<String> missing() {
        return services.stream().filter(s -> !bridge.availability().isAvailable(s))
                .map(s -> s.descriptor().getName()).toList();
    }

    /** True once every service is available, false when the time ran out first. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        CountDownLatch all = new CountDownLatch(1);
        Consumer<SignalState> listener = state -> {
            if (missing().isEmpty()) {
                all.countDown();
            }
        };
        bridge.values().addListener(listener);
        try {
            if (missing().isEmpty()) {
                return true;
            }
            return all.await(timeout, unit);
        } finally {
            bridge.values().removeListener(listener);
        }
    }
}
