package io.vehicle.launcher;

import io.vehicle.cli.VehicleCli;
import io.vehicle.launcher.demo.CockpitDemoCommand;
import picocli.CommandLine;

/**
 * {@code ./vehicle}: the middleware's commands plus those that need every module (the demo). This
 * is the one place where all modules meet.
 */
public final class Main {

    private Main() {
    }

    public static CommandLine commandLine() {
        return new CommandLine(new VehicleCli()).addSubcommand("demo", new CockpitDemoCommand());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
