package io.vehicle.launcher.simulator;

import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.someip.sd.SdTimings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every simulator command shares: the file, and what tests and benches override most. */
public final class SimulatorOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Simulator file (YAML); default: the whole car on loopback.")
    Path config;

    @Option(names = "--sd-port", description = "SOME/IP-SD port (default: the file's, else 30490).")
    Integer sdPort;

    @Option(names = "--someip-port", description = "SOME/IP port of every ECU's endpoint (0: any free port; default 30501).")
    Integer someipPort;

    @Option(names = "--fast-sd", description = "Fast SD timings (first offer within 10 ms, TTL 2 s), for one-machine runs.")
    boolean fastSd;

    @Option(names = "--offer", split = ",", paramLabel = "SERVICE",
            description = "Offer only these services (e.g. HvacService,SeatService); real ECUs provide the rest.")
    List<String> offer;

    SimulatorConfig config() throws IOException {
        SimulatorConfig loaded = config == null ? SimulatorConfig.defaults() : SimulatorConfig.load(config);
        if (sdPort != null) {
            loaded = loaded.withSdPort(sdPort);
        }
        if (someipPort != null) {
            loaded = loaded.withSomeipPort(someipPort);
        }
        if (fastSd) {
            loaded = loaded.withSdTimings(SdTimings.fast());
        }
        if (offer != null) {
            loaded = loaded.withOffer(offer);
        }
        return loaded;
    }

    /** The same options as arguments, for a child process. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (config != null) {
            args.addAll(List.of("--config", config.toString()));
        }
        if (sdPort != null) {
            args.addAll(List.of("--sd-port", sdPort.toString()));
        }
        if (someipPort != null) {
            args.addAll(List.of("--someip-port", someipPort.toString()));
        }
        if (fastSd) {
            args.add("--fast-sd");
        }
        if (offer != null) {
            args.addAll(List.of("--offer", String.join(",", offer)));
        }
        return args;
    }
}
