package io.vehicle.cli;

import io.vehicle.tools.bench.BenchProviderCommand;
import io.vehicle.tools.bench.EventBenchCommand;
import io.vehicle.tools.bench.SdBenchCommand;
import io.vehicle.tools.load.LoadServerCommand;
import io.vehicle.tools.load.LoadTestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The project's command line: {@code ./vehicle <command>}. */
@Command(name = "vehicle", mixinStandardHelpOptions = true, version = "vehicle 0.1.0",
        description = "Vehicle integration middleware: SOME/IP on Netty, IDL-driven services, tools.",
        subcommands = {DemoCommand.class, LoadTestCommand.class, LoadServerCommand.class, SdBenchCommand.class,
                EventBenchCommand.class, BenchProviderCommand.class})
public final class VehicleCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new VehicleCli()).execute(args));
    }
}
