package io.vehicle.simulator.ecu;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.api.windows.v1.WindowServiceProxy;
import io.vehicle.idl.windows.v1.WindowPositions;
import io.vehicle.simulator.plant.PlantValues;
import io.vehicle.simulator.plant.SignalValues;
import io.vehicle.simulator.plant.VehicleParameters;
import io.vehicle.simulator.plant.VehiclePlant;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.testing.Await;
import io.vehicle.testing.TestPorts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A setter's answer and the plant step that follows it reach the ECU's field, and its subscribers, in the
 * order the simulation made them. The window ECU answers a new target with where the glass is (it has not
 * moved yet); the next step moves it and the ECU notifies the new position. Here the clock ticks as soon as
 * the simulation thread is free after each piece of the ECU's work, and a SOME/IP I/O thread that hands the
 * ECU work gets on again only after that tick: the slowest it can be, as on a loaded machine. Were the
 * answer stored on that thread afterwards (as it was), it would overwrite the step's position and be what
 * subscribers keep, the window shown closed while it opens.
 */
class SetterAnswerOrderTest {

    static final String WINDOW = "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position";
    static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    final ExecutorService simulationThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "simulation"));
    final SignalRegistry registry = SignalRegistry.catalog();
    final VehiclePlant plant = new VehiclePlant(new PlantValues(registry, SignalValues.defaults(registry)),
            VehicleParameters.defaults());
    final TickAfterEachTask simulation = new TickAfterEachTask();
    final int sdPort = TestPorts.sdPort(14);
    SomeIpNode ecuNode;
    WindowEcu windows;
    SomeIpNode consumer;
    WindowServiceProxy proxy;
    long simulatedNanos; // on the simulation thread

    /** The simulation thread; while ticking, each task is followed by a plant step, and a caller from another thread waits for both. */
    final class TickAfterEachTask implements Executor {
        volatile boolean ticking;
        volatile Thread thread;

        @Override
        public void execute(Runnable task) {
            simulationThread.execute(task);
            if (!ticking) {
                return;
            }
            Future<?> tick = simulationThread.submit(SetterAnswerOrderTest.this::step);
            if (Thread.currentThread() != thread) {
                try {
                    tick.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the tick after the ECU's work did not run", e);
                }
            }
        }
    }

    /** One plant step, then the ECU publishes what changed, as the simulator does; on the simulation thread. */
    void step() {
        simulatedNanos += STEP_NANOS;
        plant.step(simulatedNanos, STEP_NANOS);
        windows.publish(false);
    }

    <T> T onSimulation(Callable<T> work) throws Exception {
        return simulationThread.submit(work).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        onSimulation(() -> {
            if (windows != null) {
                windows.close();
            }
            return null;
        });
        if (ecuNode != null) {
            ecuNode.close();
        }
        simulationThread.shutdownNow();
    }

    @Test
    @DisplayName("a plant step right after a setter's work is not overwritten by the setter's older answer")
    void stepAfterSetterWins() throws Exception {
        onSimulation(() -> {
            simulation.thread = Thread.currentThread();
            ecuNode = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.21").withSd(sdPort, SdTimings.fast()));
            windows = new WindowEcu(ecuNode, WindowEcu.BINDING.instanceId(), new ServiceWiring(plant, simulation));
            windows.offer();
            return null;
        });
        consumer = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.121").withSd(sdPort, SdTimings.fast()));
        proxy = new WindowServiceProxy(consumer);
        List<Integer> notified = new CopyOnWriteArrayList<>();
        proxy.subscribeWindowsChanged(w -> notified.add(w.getRow1Driver())).acknowledged().get(10, TimeUnit.SECONDS);
        Await.until(() -> "the initial value, got " + notified, Duration.ofSeconds(10), () -> !notified.isEmpty());
        WindowPositions closed = proxy.getWindows().get(10, TimeUnit.SECONDS);

        simulation.ticking = true;
        WindowPositions answer = proxy.setWindows(closed.toBuilder().setRow1Driver(100).build())
                .get(10, TimeUnit.SECONDS);
        simulation.ticking = false;

        assertThat(answer.getRow1Driver()).as("the answer: where the glass was when the motor started").isZero();
        int moved = onSimulation(() -> ((Number) plant.values().reported(WINDOW)).intValue());
        assertThat(moved).as("a step ran after the setter's work and moved the glass").isPositive();
        assertThat(onSimulation(() -> windows.windows().getRow1Driver()))
                .as("the ECU's field holds the step's position, not the older answer").isEqualTo(moved);
        Await.until(() -> "the last notification to be " + moved + ", got " + notified, Duration.ofSeconds(10),
                () -> notified.get(notified.size() - 1) == moved);
        assertThat(notified).as("the glass only opens: the answer's older position never follows a step's").isSorted();
    }
}
