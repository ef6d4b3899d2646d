package io.vehicle.launcher.demo;

import io.vehicle.api.hvac.v1.HvacServiceProxy;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.Zone;
import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.config.EcuConfig;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.someip.sdk.node.NodeConfig;
import java.util.List;
import java.util.Map;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sd.SdConfig;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.service.Subscription;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo: the simulator's climate ECU and a cockpit on two loopback addresses, finding each other through
 * SOME/IP-SD multicast on lo, talking through the typed API generated from the IDL. The cockpit
 * raises the driver's temperature, watches the cabin warm up through field notifications, has an
 * out-of-range request refused, and reads the result back.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Climate ECU and cockpit over SOME/IP with SD, typed from the IDL, on loopback.")
public final class CockpitDemoCommand implements Callable<Integer> {

    @Option(names = "--sd-port", defaultValue = "" + SdConfig.DEFAULT_PORT,
            description = "SOME/IP-SD port (default ${DEFAULT-VALUE}).")
    int sdPort;

    @Option(names = "--ecu", defaultValue = "127.0.0.1", description = "Loopback address of the ECU.")
    String ecuAddress;

    @Option(names = "--cockpit", defaultValue = "127.0.0.2", description = "Loopback address of the cockpit.")
    String cockpitAddress;

    private final PrintStream out = System.out;
    private final long start = System.nanoTime();

    @Override
    public Integer call() throws Exception {
        // The simulator's climate ECU (HVAC service and cabin plant) alone, its clock at a simulated minute per
        // second so the cabin warms within the demo.
        SimulatorConfig simulation = SimulatorConfig.defaults()
                .withEcus(List.of(EcuConfig.of("climate-ecu", ecuAddress, "HvacService")))
                .withSdPort(sdPort).withSdTimings(SdTimings.fast()).withSomeipPort(0)
                .withClock(new SimulatorConfig.Clock("60", 100))
                .withControl(new SimulatorConfig.Control(false, null, null))
                .withVehicle(new SimulatorConfig.Vehicle(Map.of("Vehicle.Cabin.HVAC.AmbientAirTemperature", 19.0),
                        null, null));
        try (Simulator ecu = Simulator.start(simulation);
             SomeIpNode cockpitNode = SomeIpNode.start(NodeConfig.defaults().withUnicast(cockpitAddress)
                     .withSd(sdPort, SdTimings.fast()))) {
            say("climate ECU on %s offers HvacService 0x%04X (SD multicast %s:%d on lo)", ecuAddress,
                    HvacServiceProxy.BINDING.serviceId(), SdConfig.DEFAULT_GROUP, sdPort);

            HvacServiceProxy hvac = new HvacServiceProxy(cockpitNode);
            CompletableFuture<Float> warm = new CompletableFuture<>();
            hvac.onAvailability(change -> say("cockpit: HvacService %s (%s)", change.available() ? "up" : "down",
                    change.reason()));
            Subscription cabin = hvac.subscribeCabinTemperatureChanged(t -> {
                say("  cabin air now %.1f °C", t.getCelsius());
                if (t.getCelsius() >= 23.0f) {
                    warm.complete(t.getCelsius());
                }
            });
            Subscription climate = hvac.subscribeClimateChanged(c -> say("  climate field: driver %.1f °C, fan %d %%, A/C %s, auto %s",
                    c.getSetpoints().getRow1Driver(), c.getRow1DriverFanSpeed(), onOff(c.getAirConditioning()),
                    onOff(c.getAutoMode())));
            var found = hvac.whenAvailable().get(10, TimeUnit.SECONDS);
            say("cockpit on %s found it through SD: UDP %s, TCP %s", cockpitAddress, found.udp(), found.tcp());
            CompletableFuture.allOf(cabin.acknowledged(), climate.acknowledged()).get(10, TimeUnit.SECONDS);
            say("cockpit subscribed to the climate and cabin-temperature fields; their current values follow");

            say("driver: \"I'm a bit cold\" -> SetZoneTemperature(driver, 23.5 °C)");
            var answer = hvac.setZoneTemperature(SetZoneTemperatureRequest.newBuilder()
                    .setZone(Zone.ZONE_ROW1_DRIVER).setCelsius(23.5f).build()).get(5, TimeUnit.SECONDS);
            say("  ECU answered: driver setpoint %.1f °C", answer.getSetpoints().getRow1Driver());
            say("  cabin warmed to %.1f °C", warm.get(15, TimeUnit.SECONDS));

            ClimateSettings current = hvac.getClimate().get(5, TimeUnit.SECONDS);
            say("cockpit: SetClimate with fan 150 %% (outside the signal's 0..100)");
            try {
                hvac.setClimate(current.toBuilder().setRow1DriverFanSpeed(150).build()).get(5, TimeUnit.SECONDS);
                say("  unexpectedly accepted");
                return 1;
            } catch (ExecutionException e) {
                say("  refused by the ECU with return code %s", e.getCause().getMessage().split(":")[0]);
            }
            say("cockpit: SetClimate with A/C on and fan 60 %%");
            ClimateSettings applied = hvac.setClimate(current.toBuilder().setAirConditioning(true)
                    .setRow1DriverFanSpeed(60).build()).get(5, TimeUnit.SECONDS);
            say("  applied: fan %d %%, A/C %s", applied.getRow1DriverFanSpeed(), onOff(applied.getAirConditioning()));
            ClimateSettings check = hvac.getClimate().get(5, TimeUnit.SECONDS);
            say("read back: driver %.1f °C, fan %d %%, A/C %s. Done.", check.getSetpoints().getRow1Driver(),
                    check.getRow1DriverFanSpeed(), onOff(check.getAirConditioning()));
            hvac.close();
        }
        return 0;
    }

    private void say(String format, Object... args) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        out.printf("[%5d ms] %s%n", millis, String.format(format, args));
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }
}
