package io.vehicle.simulator.scenario;

import io.vehicle.idl.simulator.v1.ClockSkew;
import io.vehicle.idl.simulator.v1.Crash;
import io.vehicle.idl.simulator.v1.Delay;
import io.vehicle.idl.simulator.v1.EcuRestart;
import io.vehicle.idl.simulator.v1.Fault;
import io.vehicle.idl.simulator.v1.FaultTarget;
import io.vehicle.idl.simulator.v1.MalformedBurst;
import io.vehicle.idl.simulator.v1.PacketLoss;
import io.vehicle.idl.simulator.v1.SensorFreeze;
import io.vehicle.idl.simulator.v1.ServiceInstance;
import io.vehicle.idl.simulator.v1.StopOffer;
import io.vehicle.simulator.config.EcuConfig;
import io.vehicle.simulator.fault.FaultInjector;
import io.vehicle.simulator.plant.SimulatedDuration;
import java.util.List;

/**
 * A fault in scenario terms (kind name, target by name, durations as text) as the control API's
 * {@code Fault}: one fault model for scenario YAML, {@code vehicle simulator fault} and gRPC.
 */
public final class ScenarioFaults {

    /** The kind names a scenario and the command line take. */
    public static final List<String> KINDS = List.of("restart", "crash", "stopOffer", "packetLoss",
            "delay", "malformedBurst", "sensorFreeze", "clockSkew");

    private ScenarioFaults() {
    }

    /** @throws IllegalArgumentException for an unknown kind or service, or a missing parameter */
    public static Fault toFault(Scenario.FaultStep step) {
        if (step.kind() == null) {
            throw new IllegalArgumentException("a fault needs a kind");
        }
        Fault.Builder fault = Fault.newBuilder();
        if (step.ecu() != null) {
            fault.setTarget(FaultTarget.newBuilder().setEcu(step.ecu()));
        } else if (step.service() != null) {
            String service = EcuConfig.ServiceConfig.resolve(step.service());
            fault.setTarget(FaultTarget.newBuilder().setService(ServiceInstance.newBuilder()
                    .setServiceId(FaultInjector.serviceId(service))
                    .setInstanceId(step.instance() == null ? 0xFFFF : step.instance())));
        }
        switch (step.kind()) {
            case "restart" -> fault.setEcuRestart(EcuRestart.newBuilder().setDownMs(
                    (int) (step.down() == null ? 1000 : SimulatedDuration.parse(step.down()).toMillis())));
            case "crash" -> fault.setCrash(Crash.getDefaultInstance());
            case "stopOffer" -> fault.setStopOffer(StopOffer.getDefaultInstance());
            case "packetLoss" -> fault.setPacketLoss(PacketLoss.newBuilder().setPercent(require(step.percent(), "percent")));
            case "delay" -> fault.setDelay(Delay.newBuilder().setDelayMs(require(step.delayMs(), "delayMs"))
                    .setJitterMs(step.jitterMs() == null ? 0 : step.jitterMs()));
            case "malformedBurst" -> fault.setMalformedBurst(MalformedBurst.newBuilder()
                    .setCount(step.count() == null ? 4 : step.count()));
            case "sensorFreeze" -> fault.setSensorFreeze(SensorFreeze.newBuilder().setPath(require(step.path(), "path")));
            case "clockSkew" -> fault.setClockSkew(step.factor() != null
                    ? ClockSkew.newBuilder().setFactor(step.factor()).build()
                    : ClockSkew.newBuilder().setOffsetMs(require(step.offsetMs(), "factor or offsetMs")).build());
            default -> throw new IllegalArgumentException("unknown fault kind " + step.kind() + " (one of "
                    + String.join(", ", KINDS) + ")");
        }
        return fault.build();
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("this fault needs " + name);
        }
        return value;
    }
}
