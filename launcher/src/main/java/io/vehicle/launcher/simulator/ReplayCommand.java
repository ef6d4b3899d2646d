package io.vehicle.launcher.simulator;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced below. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replays a capture.")
public final class ReplayCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 2;
    }
}
