package io.vehicle.launcher;

import io.vehicle.launcher.bridge.BridgeCommand;
import io.vehicle.launcher.cli.CatalogCommand;
import io.vehicle.launcher.cli.RpcDemoCommand;
import io.vehicle.launcher.demo.CockpitDemoCommand;
import io.vehicle.launcher.signals.SignalsCommand;
import io.vehicle.launcher.simulator.SimulatorCommand;
import io.vehicle.launcher.tools.bench.BenchProviderCommand;
import io.vehicle.launcher.tools.bench.EventBenchCommand;
import io.vehicle.launcher.tools.bench.SdBenchCommand;
import io.vehicle.launcher.tools.bench.StormBenchCommand;
import io.vehicle.launcher.tools.load.LoadServerCommand;
import io.vehicle.launcher.tools.load.LoadTestCommand;
import io.vehicle.launcher.tools.node.NodeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./vehicle}: the application. The one place where all modules meet; the SOME/IP stack and
 * SDK know nothing of it.
 */
@Command(name = "vehicle", mixinStandardHelpOptions = true, version = "vehicle 0.1.0",
        description = "Vehicle integration middleware: SOME/IP on Netty, IDL-driven services, the bridge, tools.",
        subcommands = {CockpitDemoCommand.class, RpcDemoCommand.class, LoadTestCommand.class,
                LoadServerCommand.class, NodeCommand.class, CatalogCommand.class, SdBenchCommand.class,
                EventBenchCommand.class, StormBenchCommand.class, BenchProviderCommand.class, BridgeCommand.class,
                SignalsCommand.class, SimulatorCommand.class})
public final class Main {

    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
