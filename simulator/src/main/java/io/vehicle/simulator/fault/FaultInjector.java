package io.vehicle.simulator.fault;

import com.google.protobuf.Timestamp;
import io.vehicle.idl.simulator.v1.ActiveFault;
import io.vehicle.idl.simulator.v1.Fault;
import io.vehicle.idl.simulator.v1.FaultTarget;
import io.vehicle.simulator.clock.SimulationClock;
import io.vehicle.simulator.ecu.NetworkConditions;
import io.vehicle.simulator.ecu.VirtualEcu;
import io.vehicle.simulator.plant.PlantValues;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

/**
 * Injects and clears the faults of {@code vehicle.simulator.v1.Fault} on the virtual ECUs: restart,
 * crash, StopOffer, packet loss and delay, a malformed burst, a frozen sensor, a skewed clock. A fault
 * lasts until cleared or until its duration of simulated time ends; a restart clears itself when the
 * ECU is back, a malformed burst as soon as it is sent. Confined to the simulation thread.
 */
public final class FaultInjector {

    /** A fault in force, with how to undo it. */
    private record Injected(ActiveFault description, Runnable undo, SimulationClock.Timer expiry) {
    }

    private final SimulationClock clock;
    private final List<VirtualEcu> ecus;
    private final PlantValues values;
    private final InetSocketAddress sdGroup;
    private final Map<String, Injected> active = new LinkedHashMap<>();
    private int next = 1;
    private long malformedSent;

    public FaultInjector(SimulationClock clock, List<VirtualEcu> ecus, PlantValues values, InetSocketAddress sdGroup) {
        this.clock = clock;
        this.ecus = List.copyOf(ecus);
        this.values = values;
        this.sdGroup = sdGroup;
    }

    /** The faults in force now, in the order they were injected. */
    public List<ActiveFault> active() {
        return active.values().stream().map(Injected::description).toList();
    }

    /** Datagrams sent by malformed bursts so far. */
    public long malformedSent() {
        return malformedSent;
    }

    /**
     * Injects a fault for {@code durationNanos} of simulated time (0: until cleared).
     *
     * @throws IllegalArgumentException for a fault without a kind, a bad parameter or a missing target
     * @throws NoSuchElementException   for a target that names no ECU or no offered service
     */
    public ActiveFault trigger(Fault fault, long durationNanos) {
        if (durationNanos < 0) {
            throw new IllegalArgumentException("a fault's duration must not be negative");
        }
        String id = "fault-" + next;
        Runnable undo;
        switch (fault.getKindCase()) {
            case ECU_RESTART -> {
                List<VirtualEcu> targets = ecus(fault.getTarget());
                long down = TimeUnit.MILLISECONDS.toNanos(fault.getEcuRestart().getDownMs());
                targets.forEach(VirtualEcu::goingDown);
                undo = () -> targets.forEach(VirtualEcu::start);
                next++;
                ActiveFault description = describe(id, fault, down);
                active.put(id, new Injected(description, undo, clock.schedule(clock.nanos() + down, () -> clear(id))));
                return description;
            }
            case CRASH -> {
                List<VirtualEcu> targets = ecus(fault.getTarget());
                targets.forEach(VirtualEcu::crash);
                undo = () -> targets.forEach(VirtualEcu::start);
            }
            case STOP_OFFER -> {
                Map<VirtualEcu, List<String>> targets = services(fault.getTarget());
                targets.forEach((ecu, services) -> services.forEach(ecu::withdraw));
                undo = () -> targets.forEach((ecu, services) -> services.forEach(ecu::reoffer));
            }
            case PACKET_LOSS -> {
                double percent = fault.getPacketLoss().getPercent();
                if (!(percent >= 0 && percent <= 100)) {
                    throw new IllegalArgumentException("packet_loss.percent " + percent + " is outside 0..100");
                }
                Map<VirtualEcu, Integer> targets = network(fault.getTarget());
                targets.forEach((ecu, service) -> ecu.network().loss(service, percent));
                undo = () -> targets.forEach((ecu, service) -> ecu.network().clearLoss(service));
            }
            case DELAY -> {
                long delay = TimeUnit.MILLISECONDS.toNanos(fault.getDelay().getDelayMs());
                long jitter = TimeUnit.MILLISECONDS.toNanos(fault.getDelay().getJitterMs());
                if (delay == 0 && jitter == 0) {
                    throw new IllegalArgumentException("delay: delay_ms or jitter_ms must be above 0");
                }
                Map<VirtualEcu, Integer> targets = network(fault.getTarget());
                targets.forEach((ecu, service) -> ecu.network().delay(service, delay, jitter));
                undo = () -> targets.forEach((ecu, service) -> ecu.network().clearDelay(service));
            }
            case MALFORMED_BURST -> {
                int count = fault.getMalformedBurst().getCount();
                if (count < 1 || count > 10_000) {
                    throw new IllegalArgumentException("malformed_burst.count " + count + " is outside 1..10000");
                }
                for (VirtualEcu ecu : ecus(fault.getTarget())) {
                    malformedSent += ecu.sendMalformed(count, sdGroup);
                }
                next++;
                return describe(id, fault, 0); // done once sent: never in force
            }
            case SENSOR_FREEZE -> {
                String path = fault.getSensorFreeze().getPath();
                if (!values.has(path)) {
                    throw new NoSuchElementException("sensor_freeze: no plant value " + path);
                }
                values.freeze(path);
                undo = () -> values.unfreeze(path);
            }
            case CLOCK_SKEW -> {
                List<VirtualEcu> targets = ecus(fault.getTarget());
                var skew = fault.getClockSkew();
                switch (skew.getSkewCase()) {
                    case FACTOR -> targets.forEach(ecu -> ecu.clock().skew(skew.getFactor(), clock.nanos()));
                    case OFFSET_MS -> targets.forEach(ecu -> ecu.clock().offset(
                            TimeUnit.MILLISECONDS.toNanos(skew.getOffsetMs())));
                    default -> throw new IllegalArgumentException("clock_skew needs factor or offset_ms");
                }
                undo = () -> targets.forEach(ecu -> ecu.clock().reset());
            }
            default -> throw new IllegalArgumentException("a fault needs a kind (ecu_restart, crash, stop_offer, "
                    + "packet_loss, delay, malformed_burst, sensor_freeze, clock_skew)");
        }
        next++;
        ActiveFault description = describe(id, fault, durationNanos);
        SimulationClock.Timer expiry = durationNanos > 0
                ? clock.schedule(clock.nanos() + durationNanos, () -> clear(id)) : null;
        active.put(id, new Injected(description, undo, expiry));
        return description;
    }

    /** Clears one fault; its ECU starts again after a crash or a restart. */
    public List<String> clear(String id) {
        Injected injected = active.remove(id);
        if (injected == null) {
            throw new NoSuchElementException("no active fault " + id);
        }
        if (injected.expiry() != null) {
            injected.expiry().cancel();
        }
        injected.undo().run();
        return List.of(id);
    }

    public List<String> clearAll() {
        List<String> cleared = new ArrayList<>();
        List<String> ids = new ArrayList<>(active.keySet());
        for (int i = ids.size() - 1; i >= 0; i--) {
            cleared.addAll(clear(ids.get(i)));
        }
        return cleared;
    }

    private ActiveFault describe(String id, Fault fault, long durationNanos) {
        ActiveFault.Builder builder = ActiveFault.newBuilder().setFaultId(id).setFault(fault)
                .setSince(timestamp(clock.instant()));
        if (durationNanos > 0) {
            builder.setUntil(timestamp(clock.instant(clock.nanos() + durationNanos)));
        }
        return builder.build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** The ECUs a target names: one by name, or the one offering a service instance. */
    private List<VirtualEcu> ecus(FaultTarget target) {
        return switch (target.getTargetCase()) {
            case ECU -> List.of(ecus.stream().filter(e -> e.name().equals(target.getEcu())).findFirst()
                    .orElseThrow(() -> new NoSuchElementException("no ECU named " + target.getEcu() + " (there are "
                            + ecus.stream().map(VirtualEcu::name).toList() + ")")));
            case SERVICE -> List.copyOf(services(target).keySet());
            default -> throw new IllegalArgumentException("this fault needs a target: an ECU or a service instance");
        };
    }

    /** The services a target names, by ECU: all of an ECU's, or the one instance. */
    private Map<VirtualEcu, List<String>> services(FaultTarget target) {
        Map<VirtualEcu, List<String>> found = new LinkedHashMap<>();
        if (target.getTargetCase() == FaultTarget.TargetCase.ECU) {
            VirtualEcu ecu = ecus(target).get(0);
            found.put(ecu, ecu.plans().stream().map(VirtualEcu.ServicePlan::service).toList());
            return found;
        }
        if (target.getTargetCase() != FaultTarget.TargetCase.SERVICE) {
            throw new IllegalArgumentException("this fault needs a target: an ECU or a service instance");
        }
        int serviceId = target.getService().getServiceId();
        int instance = target.getService().getInstanceId();
        for (VirtualEcu ecu : ecus) {
            for (VirtualEcu.ServicePlan plan : ecu.plans()) {
                if (serviceId(plan.service()) == serviceId && (instance == 0 || instance == 0xFFFF
                        || plan.instance() == instance)) {
                    found.computeIfAbsent(ecu, e -> new ArrayList<>()).add(plan.service());
                }
            }
        }
        if (found.isEmpty()) {
            throw new NoSuchElementException(String.format("no virtual ECU offers service 0x%04X instance 0x%04X",
                    serviceId, instance));
        }
        return found;
    }

    /** Network targets: each ECU with the service id its condition applies to ({@link NetworkConditions#ALL}). */
    private Map<VirtualEcu, Integer> network(FaultTarget target) {
        Map<VirtualEcu, Integer> found = new LinkedHashMap<>();
        if (target.getTargetCase() == FaultTarget.TargetCase.ECU) {
            found.put(ecus(target).get(0), NetworkConditions.ALL);
        } else {
            services(target).keySet().forEach(ecu -> found.put(ecu, target.getService().getServiceId()));
        }
        return found;
    }

    public static int serviceId(String service) {
        return VehicleCatalog.services().stream().filter(s -> s.getName().equals(service)).findFirst()
                .map(s -> ServiceBinding.of(s).serviceId())
                .orElseThrow(() -> new IllegalArgumentException("no catalog service " + service));
    }
}
