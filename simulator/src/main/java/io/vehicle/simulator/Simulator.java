package io.vehicle.simulator;

import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.simulator.v1.ActiveFault;
import io.vehicle.idl.simulator.v1.Fault;
import io.vehicle.idl.simulator.v1.FaultTarget;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.simulator.clock.ClockDriver;
import io.vehicle.simulator.clock.SimulationClock;
import io.vehicle.simulator.config.EcuConfig;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.simulator.ecu.ServiceWiring;
import io.vehicle.simulator.ecu.VirtualEcu;
import io.vehicle.simulator.fault.FaultInjector;
import io.vehicle.simulator.plant.ChangingSignals;
import io.vehicle.simulator.plant.DriveProfile;
import io.vehicle.simulator.plant.PlantValues;
import io.vehicle.simulator.plant.SignalValues;
import io.vehicle.simulator.plant.VehiclePlant;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalPattern;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.sdk.signal.UnknownSignalException;
import io.vehicle.someip.transport.TrafficTap;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The virtual vehicle: the ECUs of a configuration on their loopback addresses, the plant they report,
 * the simulated clock, and the faults in force. Everything that changes the simulation runs on one
 * thread (the simulation thread); this facade's methods may be called from any thread and wait for it.
 *
 * <p>Started with {@link #start} the clock runs by itself at the configured rate; started with
 * {@link #startManual} it moves only when {@link #advance} is called (scenarios step it as fast as they
 * can and read the results through SOME/IP, so runs are deterministic).
 */
public final class Simulator implements AutoCloseable {

    private static final long CALL_TIMEOUT_SECONDS = 60;

    private final SimulatorConfig config;
    private final ScheduledExecutorService simulation;
    private final SimulationClock clock;
    private final VehiclePlant plant;
    private final List<VirtualEcu> ecus = new ArrayList<>();
    /** One set of event loops for every virtual ECU: a car's worth of nodes need not cost a pair of threads each. */
    private final SomeIpRuntime runtime = new SomeIpRuntime(2);
    private final FaultInjector faults;
    private final long stepNanos;
    private final long startedAt = System.nanoTime();
    private final AtomicLong simulatedNanos = new AtomicLong();
    private ClockDriver driver;
    /** Set for benchmarks: every signal changes at every step (simulation thread). */
    private ChangingSignals changing;

    private Simulator(SimulatorConfig config) {
        this.config = config;
        this.simulation = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "simulation");
            thread.setDaemon(true);
            return thread;
        });
        this.clock = new SimulationClock(Instant.now());
        this.stepNanos = TimeUnit.MILLISECONDS.toNanos(config.clock().stepMs());
        SignalRegistry registry = SignalRegistry.catalog();
        Map<String, Object> initial = new LinkedHashMap<>(SignalValues.defaults(registry));
        initial.putAll(SignalValues.normalizeAll(registry, config.vehicle().initial()));
        this.plant = new VehiclePlant(new PlantValues(registry, initial), config.vehicle().parameters());
        plant.driveProfile(config.vehicle().driveProfile());
        ServiceWiring wiring = new ServiceWiring(plant, simulation);
        int index = 0;
        for (EcuConfig ecu : config.ecus()) {
            List<VirtualEcu.ServicePlan> plans = new ArrayList<>();
            for (EcuConfig.ServiceConfig service : ecu.services()) {
                if (config.offer().isEmpty() || config.offer().stream()
                        .map(EcuConfig.ServiceConfig::resolve).anyMatch(service.name()::equals)) {
                    ServiceBinding binding = binding(service.name());
                    plans.add(new VirtualEcu.ServicePlan(service.name(),
                            service.instance() == null ? binding.instanceId() : service.instance(),
                            TimeUnit.MILLISECONDS.toNanos(service.cycleMs())));
                }
            }
            if (plans.isEmpty()) {
                continue; // every service of this ECU is left to real ECUs
            }
            int port = ecu.someipPort() != null ? ecu.someipPort() : config.someipPort();
            NodeConfig node = new NodeConfig(ecu.name(), ecu.unicast(), new NodeConfig.SomeIp(port, port, 0x0100 + index),
                    new NodeConfig.Sd(config.sd().port(), config.sd().multicast(),
                            ecu.sdTimings() != null ? ecu.sdTimings() : config.sd().timings(), null), null, null);
            ecus.add(new VirtualEcu(ecu.name(), node, plans, wiring, 0x5EED + index, runtime));
            index++;
        }
        this.faults = new FaultInjector(clock, ecus, plant.values(),
                new InetSocketAddress(config.sd().multicast(), config.sd().port()));
        plant.onEvent(event -> ecus.forEach(ecu -> ecu.plantEvent(event)));
    }

    /** Starts the ECUs and lets the clock run at the configured rate. */
    public static Simulator start(SimulatorConfig config) {
        Simulator simulator = startManual(config);
        simulator.driver = new ClockDriver(simulator.simulation, simulator::step, simulator.stepNanos,
                config.clock().factor());
        simulator.driver.start();
        return simulator;
    }

    /** Starts the ECUs with the clock standing until {@link #advance} moves it. */
    public static Simulator startManual(SimulatorConfig config) {
        Simulator simulator = new Simulator(config);
        try {
            simulator.call(() -> {
                for (VirtualEcu ecu : simulator.ecus) {
                    ecu.start();
                }
                return null;
            });
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        return simulator;
    }

    private static ServiceBinding binding(String service) {
        return VehicleCatalog.services().stream().filter(s -> s.getName().equals(service)).findFirst()
                .map(ServiceBinding::of).orElseThrow(() -> new IllegalArgumentException("no catalog service " + service));
    }

    public SimulatorConfig config() {
        return config;
    }

    /** One plant step of the configured length, the forced changes of a benchmark, then every ECU publishes; on the simulation thread. */
    private void step() {
        long from = clock.nanos();
        clock.advanceTo(from + stepNanos);
        plant.step(from + stepNanos, stepNanos, this::localStep);
        if (changing != null) {
            changing.step();
        }
        for (VirtualEcu ecu : ecus) {
            ecu.afterStep(clock.nanos(), stepNanos);
        }
        simulatedNanos.set(clock.nanos());
    }

    private long localStep(String service) {
        for (VirtualEcu ecu : ecus) {
            if (ecu.offers(service)) {
                return ecu.clock().localStep(stepNanos);
            }
        }
        return stepNanos;
    }

    /**
     * From the next step on, every signal of every field is forced to a new value at each step, after the
     * plant's own step, so every ECU notifies every field it offers once per step (a benchmark's load).
     */
    public void changeEverySignal() {
        call(() -> {
            changing = new ChangingSignals(plant.values());
            return null;
        });
    }

    /** Moves a manual clock forward by whole steps covering {@code duration}; returns when they are done. */
    public void advance(Duration duration) {
        if (driver != null) {
            throw new IllegalStateException("the clock runs by itself; advance() is for a manual clock");
        }
        long steps = Math.max(1, (duration.toNanos() + stepNanos - 1) / stepNanos);
        call(() -> {
            for (long i = 0; i < steps; i++) {
                step();
            }
            return null;
        });
    }

    public Duration stepLength() {
        return Duration.ofNanos(stepNanos);
    }

    /** Simulated time now. */
    public Duration now() {
        return Duration.ofNanos(simulatedNanos.get());
    }

    public Instant instant() {
        return clock.instant(simulatedNanos.get());
    }

    /** Simulated seconds per real second since the start. */
    public double measuredRate() {
        long real = System.nanoTime() - startedAt;
        return real <= 0 ? 0 : (double) simulatedNanos.get() / real;
    }

    /** Runs {@code work} on the simulation thread and returns its result (its exception is rethrown). */
    public <T> T call(Callable<T> work) {
        try {
            return simulation.submit(work).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulation thread did not answer within " + CALL_TIMEOUT_SECONDS + " s");
        }
    }

    /** Every ECU with its services and the faults that concern it, by name. */
    public List<EcuStatus> ecus() {
        return call(() -> {
            List<EcuStatus> statuses = new ArrayList<>();
            for (VirtualEcu ecu : ecus) {
                List<EcuStatus.Service> services = new ArrayList<>();
                for (VirtualEcu.ServicePlan plan : ecu.plans()) {
                    ServiceBinding binding = binding(plan.service());
                    services.add(new EcuStatus.Service(binding.descriptor().getFullName(), binding.serviceId(),
                            plan.instance(), binding.majorVersion(), binding.minorVersion(),
                            ecu.udpEndpoint() == null ? 0 : ecu.udpEndpoint().getPort(),
                            ecu.tcpEndpoint() == null ? 0 : ecu.tcpEndpoint().getPort(), ecu.offering(plan.service())));
                }
                List<ActiveFault> concerning = faults.active().stream().filter(f -> concerns(f.getFault(), ecu)).toList();
                statuses.add(new EcuStatus(ecu.name(), ecu.state(), ecu.unicast(), services, concerning));
            }
            statuses.sort(java.util.Comparator.comparing(EcuStatus::name));
            return statuses;
        });
    }

    private static boolean concerns(Fault fault, VirtualEcu ecu) {
        FaultTarget target = fault.getTarget();
        return switch (target.getTargetCase()) {
            case ECU -> target.getEcu().equals(ecu.name());
            case SERVICE -> ecu.plans().stream().anyMatch(p -> FaultInjector.serviceId(p.service())
                    == target.getService().getServiceId());
            default -> false;
        };
    }

    /** The virtual ECUs themselves (for tests and tools that need their endpoints); use on the simulation thread. */
    public List<VirtualEcu> virtualEcus() {
        return List.copyOf(ecus);
    }

    /**
     * Plant values whose paths match any of the patterns (every value for none), in catalog order.
     *
     * @throws UnknownSignalException when a pattern matches no plant value
     */
    public List<PlantValueSnapshot> values(List<String> patterns) {
        List<SignalPattern> parsed = patterns.stream().map(SignalPattern::parse).toList();
        return call(() -> {
            PlantValues values = plant.values();
            List<PlantValueSnapshot> selected = new ArrayList<>();
            for (String path : values.paths()) {
                if (parsed.isEmpty() || parsed.stream().anyMatch(p -> p.matches(path))) {
                    selected.add(snapshot(path));
                }
            }
            for (SignalPattern pattern : parsed) {
                if (values.paths().stream().noneMatch(pattern::matches)) {
                    throw new UnknownSignalException(pattern.toString(), "no plant value matches " + pattern);
                }
            }
            return selected;
        });
    }

    public PlantValueSnapshot value(String path) {
        return call(() -> snapshot(path));
    }

    /** On the simulation thread. */
    PlantValueSnapshot snapshot(String path) {
        PlantValues values = plant.values();
        long changed = values.changedAt(path);
        return new PlantValueSnapshot(path, values.value(path), changed, clock.instant(changed), owner(path),
                values.held(path), values.frozen(path), values.frozen(path) ? values.reported(path) : null);
    }

    private String owner(String path) {
        SignalDefinition signal = plant.values().registry().require(path);
        String service = signal.service().descriptor().getName();
        return ecus.stream().filter(e -> e.offers(service)).map(VirtualEcu::name).findFirst().orElse("");
    }

    /**
     * Sets a plant value as if the physics had produced it (the owning ECU notifies as usual); with
     * {@code hold} it stays until {@link #release}. The value is checked against the catalog.
     */
    public PlantValueSnapshot force(String path, Object value, boolean hold) {
        return call(() -> {
            SignalDefinition signal = plant.values().registry().require(path);
            Object normalized = SignalValues.normalize(signal, value);
            plant.values().now(clock.nanos());
            plant.values().force(path, normalized, hold);
            publishNow();
            return snapshot(path);
        });
    }

    public PlantValueSnapshot release(String path) {
        return call(() -> {
            plant.values().release(path);
            return snapshot(path);
        });
    }

    /** Replaces the drive profile; the vehicle follows it from its first segment on. */
    public void driveProfile(DriveProfile profile) {
        call(() -> {
            plant.driveProfile(profile);
            return null;
        });
    }

    public record DriveProfileState(DriveProfile profile, int activeSegment, Duration activeSegmentElapsed) {
    }

    public DriveProfileState driveProfile() {
        return call(() -> new DriveProfileState(plant.driveProfile(), plant.activeSegment(),
                Duration.ofNanos(plant.activeSegmentElapsedNanos())));
    }

    /** Injects a fault for {@code duration} of simulated time (zero: until cleared). */
    public ActiveFault trigger(Fault fault, Duration duration) {
        return call(() -> {
            ActiveFault active = faults.trigger(fault, duration.toNanos());
            publishNow();
            return active;
        });
    }

    public List<String> clearFault(String id) {
        return call(() -> faults.clear(id));
    }

    public List<String> clearFaults() {
        return call(faults::clearAll);
    }

    public List<ActiveFault> activeFaults() {
        return call(faults::active);
    }

    public long malformedSent() {
        return call(faults::malformedSent);
    }

    /** Hands every ECU's traffic (SD included) to a recorder from now on. */
    public void record(TrafficTap recorder) {
        call(() -> {
            ecus.forEach(ecu -> ecu.record(recorder));
            return null;
        });
    }

    /** Told of every change of a reported plant value, on the simulation thread. */
    public void addValueListener(PlantValues.Listener listener) {
        call(() -> {
            plant.values().addListener(listener);
            return null;
        });
    }

    public void removeValueListener(PlantValues.Listener listener) {
        call(() -> {
            plant.values().removeListener(listener);
            return null;
        });
    }

    /** Publishes what a force or a fault changed at once, without waiting for the next step. */
    private void publishNow() {
        for (VirtualEcu ecu : ecus) {
            if (ecu.state() == VirtualEcu.State.RUNNING) {
                ecu.services().forEach(s -> s.publish(false));
            }
        }
    }

    /** Stops the clock, then every ECU cleanly (StopOffer). */
    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
        try {
            call(() -> {
                for (VirtualEcu ecu : ecus) {
                    ecu.stop();
                }
                return null;
            });
        } finally {
            simulation.shutdownNow();
            runtime.close();
        }
    }
}
