package io.vehicle.cli;

import io.vehicle.tools.bench.BenchProviderCommand;
import io.vehicle.tools.bench.EventBenchCommand;
import io.vehicle.tools.bench.SdBenchCommand;
import io.vehicle.tools.load.LoadServerCommand;
import io.vehicle.tools.load.LoadTestCommand;
import io.vehicle.tools.node.NodeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The project's command line: {@code ./vehicle <command>}. */
@Command(name = "vehicle", mixinStandardHelpOptions = true, version = "vehicle 0.1.0",
        description = "Vehicle integration middleware: SOME/IP on Netty, IDL-driven services, tools.",
        subcommands = {RpcDemoCommand.class, LoadTestCommand.class, LoadServerCommand.class, NodeCommand.class,
                CatalogCommand.class, SdBenchCommand.class, EventBenchCommand.class, BenchProviderCommand.class})
public final class VehicleCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new VehicleCli()).execute(args));
    }
}
