package io.vehicle.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.api.doors.v1.DoorServiceProxy;
import io.vehicle.api.lights.v1.LightServiceProxy;
import io.vehicle.api.windows.v1.WindowServiceProxy;
import io.vehicle.idl.lights.v1.InteriorLights;
import io.vehicle.idl.simulator.v1.ClockSkew;
import io.vehicle.idl.simulator.v1.Crash;
import io.vehicle.idl.simulator.v1.Fault;
import io.vehicle.idl.simulator.v1.FaultTarget;
import io.vehicle.idl.simulator.v1.PacketLoss;
import io.vehicle.idl.simulator.v1.ServiceInstance;
import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.config.EcuConfig;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.someip.runtime.RequestTimeoutException;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.testing.TestPorts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What faults do to the wire, seen by a consumer on a node of its own: a service's packet loss silences that
 * service and no other of its ECU, a crash and start comes back as a reboot in SD, and a clock offset moves
 * an ECU's cyclic publications.
 */
class FaultEffectsTest {

    static final String WINDOW = "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position";

    static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    static Fault.Builder on(String ecu) {
        return Fault.newBuilder().setTarget(FaultTarget.newBuilder().setEcu(ecu));
    }

    @Test
    @DisplayName("packet loss of 100 % on WindowService: its answers and events are gone, the body ECU's DoorService still answers")
    void serviceLossSilencesOnlyThatService() throws Exception {
        int sdPort = TestPorts.sdPort(2);
        try (Simulator simulator = Simulator.startManual(SimulatorConfig.defaults().withSdPort(sdPort)
                .withSdTimings(SdTimings.fast()).withSomeipPort(0));
             SomeIpNode consumer = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.103")
                     .withSd(sdPort, SdTimings.fast()));
             WindowServiceProxy windows = new WindowServiceProxy(consumer);
             DoorServiceProxy doors = new DoorServiceProxy(consumer)) {
            List<Integer> positions = new CopyOnWriteArrayList<>();
            BlockingQueue<Boolean> trunk = new LinkedBlockingQueue<>();
            get(windows.subscribeWindowsChanged(w -> positions.add(w.getRow1Driver())).acknowledged());
            get(doors.subscribeTrunkChanged(t -> trunk.add(t.getOpen())).acknowledged());
            assertThat(get(windows.getWindows()).getRow1Driver()).isZero();
            assertThat(trunk.poll(10, TimeUnit.SECONDS)).as("the trunk's initial value").isFalse();

            String id = simulator.trigger(Fault.newBuilder().setTarget(FaultTarget.newBuilder().setService(
                    ServiceInstance.newBuilder().setServiceId(FaultInjector.serviceId("WindowService")).setInstanceId(1)))
                    .setPacketLoss(PacketLoss.newBuilder().setPercent(100)).build(), Duration.ZERO).getFaultId();
            assertThatThrownBy(() -> windows.getWindows().get(60, TimeUnit.SECONDS))
                    .as("the getter's answer is lost: the request times out").isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RequestTimeoutException.class);
            assertThat(get(doors.getTrunk()).getOpen()).as("the same ECU's DoorService answers").isFalse();
            // A window moves, then the trunk: the trunk's event comes, the window's (sent before it) does not.
            simulator.force(WINDOW, 30, false);
            simulator.force("Vehicle.Body.Trunk.Rear.IsOpen", true, false);
            assertThat(trunk.poll(10, TimeUnit.SECONDS)).as("DoorService's event").isTrue();
            assertThat(positions).as("WindowService's events lost").containsExactly(0);
            assertThat(windows.isAvailable()).as("SD is not the service's: the ECU's offers still come").isTrue();

            simulator.clearFault(id);
            assertThat(get(windows.getWindows()).getRow1Driver()).as("answers again after the fault").isEqualTo(30);
        }
    }

    @Test
    @DisplayName("crash and start again before the offers expire: the consumer sees a peer reboot, then the service again")
    void crashIsARebootInSd() throws Exception {
        int sdPort = TestPorts.sdPort(3);
        // a fixed SOME/IP port, as a real ECU has: with any free port the restarted ECU would come back at
        // other endpoints, which SD reports as MOVED
        try (Simulator simulator = Simulator.startManual(SimulatorConfig.defaults().withSdPort(sdPort)
                .withSdTimings(SdTimings.fast()).withSomeipPort(TestPorts.sdPort(5)));
             SomeIpNode consumer = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.104")
                     .withSd(sdPort, SdTimings.fast()));
             WindowServiceProxy windows = new WindowServiceProxy(consumer)) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            // the proxy's own view, so that it can be called once it says up
            windows.onAvailability(a -> seen.add(a.available() ? "up" : "down " + a.reason().name()));
            assertThat(seen.poll(20, TimeUnit.SECONDS)).isEqualTo("up");
            simulator.force(WINDOW, 40, false);
            assertThat(get(windows.getWindows()).getRow1Driver()).isEqualTo(40);
            // A reboot shows only against an earlier message of the same channel (feat_req_someipsd_765). A
            // consumer that found the ECU through a unicast answer to its Find may hear none of its multicast
            // offers before the crash; with a subscription the ECU's unicast Ack is one, and the restarted ECU
            // acknowledges the renewal that its first offer draws with the unicast session starting over.
            get(windows.subscribeWindowsChanged(w -> { }).acknowledged());

            // No StopOffer; the fresh SD of the started ECU sets the reboot flag with new session ids
            // (feat_req_someipsd_764), which the consumer tells from an expiry (TTL 2 s with fast timings).
            String id = simulator.trigger(on("body-ecu").setCrash(Crash.getDefaultInstance()).build(), Duration.ZERO)
                    .getFaultId();
            simulator.clearFault(id);
            assertThat(seen.poll(20, TimeUnit.SECONDS)).isEqualTo("down PEER_REBOOT");
            assertThat(seen.poll(20, TimeUnit.SECONDS)).isEqualTo("up");
            assertThat(get(windows.getWindows()).getRow1Driver()).as("the plant kept the window").isEqualTo(40);
        }
    }

    @Test
    @DisplayName("clock skew by offset: an ECU clock set 10 s back publishes no cyclic value for 10 s; cleared, it does again")
    void clockOffsetMovesCyclicPublications() throws Exception {
        int sdPort = TestPorts.sdPort(4);
        // the interior lights: a field no plant model moves, so every publication without a set is cyclic
        SimulatorConfig config = SimulatorConfig.defaults().withSdPort(sdPort).withSdTimings(SdTimings.fast())
                .withSomeipPort(0).withEcus(List.of(new EcuConfig("body-ecu", "127.0.10.3", null, null, null,
                        List.of(new EcuConfig.ServiceConfig("LightService", 1, 1000)))));
        try (Simulator simulator = Simulator.startManual(config);
             SomeIpNode consumer = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.105")
                     .withSd(sdPort, SdTimings.fast()));
             LightServiceProxy lights = new LightServiceProxy(consumer)) {
            BlockingQueue<InteriorLights> interior = new LinkedBlockingQueue<>();
            get(lights.subscribeInteriorChanged(interior::add).acknowledged());
            InteriorLights initial = interior.poll(10, TimeUnit.SECONDS);
            assertThat(initial).as("the initial value").isNotNull();
            simulator.advance(Duration.ofSeconds(3));
            for (int i = 0; i < 3; i++) {
                assertThat(interior.poll(10, TimeUnit.SECONDS)).as("cyclic publication %d, every second", i + 1)
                        .isEqualTo(initial);
            }

            String id = simulator.trigger(on("body-ecu").setClockSkew(ClockSkew.newBuilder().setOffsetMs(-10_000))
                    .build(), Duration.ZERO).getFaultId();
            simulator.advance(Duration.ofSeconds(5));
            // a change is published at once; whatever came before it is what the 5 s published
            int brighter = (initial.getAmbientIntensity() + 10) % 100;
            get(lights.setInterior(initial.toBuilder().setAmbientIntensity(brighter).build()));
            InteriorLights next = interior.poll(10, TimeUnit.SECONDS);
            assertThat(next.getAmbientIntensity()).as("no cyclic publication while the clock is 10 s behind")
                    .isEqualTo(brighter);

            simulator.clearFault(id);
            simulator.advance(Duration.ofSeconds(2));
            assertThat(interior.poll(10, TimeUnit.SECONDS)).as("cyclic again once the clock is back").isEqualTo(next);
        }
    }
}
