package io.vehicle.someip.sdk.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.ZoneSetpoints;
import io.vehicle.idl.someip.FieldDeployment;
import io.vehicle.idl.someip.ServiceDeployment;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.binding.DescriptorSkeleton;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.someip.sdk.signal.SignalViolation.Kind;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.testing.TestPorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Signals by VSS path between two nodes on loopback with real SD: an HVAC ECU served by a
 * DescriptorSkeleton with generated types, and a SignalClient working on DynamicMessage.
 */
class SignalClientTest {

    static final ServiceBinding HVAC = ServiceBinding.of(ClimateSettings.getDescriptor().getFile()
            .findServiceByName("HvacService"));
    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String PASSENGER = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature";
    static final String FAN = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";
    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";

    SomeIpNode ecuNode;
    SomeIpNode clientNode;
    DescriptorSkeleton ecu;
    SignalClient signals;
    /** Every value the ECU's setter applied, in order. */
    final List<ClimateSettings> applied = new ArrayList<>();

    @BeforeEach
    void start() {
        int port = TestPorts.sdPort(10);
        ecuNode = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1").withSd(port, SdTimings.fast()));
        clientNode = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.2").withSd(port, SdTimings.fast()));
        ecu = DescriptorSkeleton.builder(HVAC, SomeIpSerializer.shared())
                .handle("SetZoneTemperature", io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest.getDefaultInstance(),
                        request -> CompletableFuture.failedFuture(new SomeIpErrorException(0x20, "not here")))
                .onSet("Climate", ClimateSettings.getDefaultInstance(), requested -> {
                    ClimateSettings climate = (ClimateSettings) requested;
                    if (climate.getRow1PassengerFanSpeed() == 77) {
                        return CompletableFuture.failedFuture(new SomeIpErrorException(0x21, "blower fault"));
                    }
                    synchronized (applied) {
                        applied.add(climate);
                    }
                    return CompletableFuture.completedFuture(climate);
                })
                .initialValue("Climate", ClimateSettings.newBuilder().setSetpoints(ZoneSetpoints.newBuilder()
                        .setRow1Driver(21).setRow1Passenger(21)).setRow1DriverFanSpeed(30).build())
                .build(ecuNode);
        ecu.offer();
        signals = new SignalClient(clientNode, SignalRegistry.catalog());
        signals.proxy(HVAC).whenAvailable().join(); // calls fail at once while SD has not found the ECU
    }

    @AfterEach
    void stop() {
        signals.close();
        clientNode.close();
        ecuNode.close();
    }

    @Test
    @DisplayName("get and set by path: the setter receives the field with only that signal changed")
    void getAndSet() throws Exception {
        assertThat(signals.get(DRIVER).get(10, TimeUnit.SECONDS)).isEqualTo(21.0);
        assertThat(signals.set(DRIVER, 23.5).get(10, TimeUnit.SECONDS)).isEqualTo(23.5);
        assertThat(signals.get(DRIVER).get(10, TimeUnit.SECONDS)).isEqualTo(23.5);
        assertThat(applied).singleElement().satisfies(c -> {
            assertThat(c.getSetpoints().getRow1Driver()).isEqualTo(23.5f);
            assertThat(c.getSetpoints().getRow1Passenger()).isEqualTo(21f);
            assertThat(c.getRow1DriverFanSpeed()).isEqualTo(30);
        });
    }

    @Test
    @DisplayName("values the IDL does not allow, read-only and unknown signals fail before anything is sent")
    void refusedBeforeSending() throws Exception {
        assertThat(cause(signals.set(DRIVER, 35))).isInstanceOfSatisfying(SignalValueException.class,
                e -> assertThat(e.violation().kind()).isEqualTo(Kind.OUT_OF_RANGE));
        assertThat(cause(signals.set(CABIN, 20.0))).isInstanceOfSatisfying(SignalValueException.class,
                e -> assertThat(e.violation().kind()).isEqualTo(Kind.READ_ONLY));
        assertThat(cause(signals.set(Map.of(DRIVER, 22.0, FAN, 150)))).isInstanceOf(SignalValueException.class);
        assertThat(cause(signals.set("Vehicle.Cabin.Teleporter", 1))).isInstanceOf(UnknownSignalException.class);
        assertThat(cause(signals.get("Vehicle.Cabin.Teleporter"))).isInstanceOf(UnknownSignalException.class);
        signals.get(DRIVER).get(10, TimeUnit.SECONDS); // the ECU is reachable: nothing was sent
        assertThat(applied).isEmpty();
    }

    @Test
    @DisplayName("the ECU's refusal comes back as its application error")
    void ecuRefusal() {
        assertThat(cause(signals.set("Vehicle.Cabin.HVAC.Station.Row1.Passenger.FanSpeed", 77)))
                .isInstanceOfSatisfying(SomeIpErrorException.class, e -> assertThat(e.returnCode()).isEqualTo(0x21));
    }

    @Test
    @DisplayName("two writers of two signals of one field lose no update (checked at the ECU)")
    void concurrentWritersOfOneField() throws Exception {
        signals.set(Map.of(DRIVER, 16.0, PASSENGER, 16.0)).get(10, TimeUnit.SECONDS);
        applied.clear();
        List<CompletableFuture<Object>> writes = new ArrayList<>();
        Thread driver = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                writes.add(signals.set(DRIVER, 16.5 + i * 0.5));
            }
        });
        List<CompletableFuture<Object>> passengerWrites = new ArrayList<>();
        Thread passenger = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                passengerWrites.add(signals.set(PASSENGER, 16.5 + i * 0.5));
            }
        });
        driver.start();
        passenger.start();
        driver.join();
        passenger.join();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        CompletableFuture.allOf(passengerWrites.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(applied).hasSize(40);
        // Each writer raises its signal step by step: any setter call that lowered the other
        // writer's signal carried a stale value, i.e. it lost that writer's update.
        for (int i = 1; i < applied.size(); i++) {
            ZoneSetpoints before = applied.get(i - 1).getSetpoints();
            ZoneSetpoints after = applied.get(i).getSetpoints();
            assertThat(after.getRow1Driver()).as("driver at write %d", i).isGreaterThanOrEqualTo(before.getRow1Driver());
            assertThat(after.getRow1Passenger()).as("passenger at write %d", i)
                    .isGreaterThanOrEqualTo(before.getRow1Passenger());
        }
        ClimateSettings last = applied.get(applied.size() - 1);
        assertThat(last.getSetpoints().getRow1Driver()).isEqualTo(26f);
        assertThat(last.getSetpoints().getRow1Passenger()).isEqualTo(26f);
    }

    @Test
    @DisplayName("subscribers get every notified value; a closed subscription gets none")
    void subscribe() throws Exception {
        BlockingQueue<Object> driver = new LinkedBlockingQueue<>();
        BlockingQueue<Message> climate = new LinkedBlockingQueue<>();
        Subscription values = signals.subscribe(DRIVER, driver::add);
        Subscription fields = signals.subscribeField(HVAC, "Climate", climate::add);
        values.acknowledged().get(10, TimeUnit.SECONDS);
        assertThat(driver.poll(10, TimeUnit.SECONDS)).isEqualTo(21.0); // initial value after the Ack
        assertThat(climate.poll(10, TimeUnit.SECONDS)).isNotNull();
        new SkeletonSignals(ecu, signals.registry()).set(DRIVER, 24.0);
        assertThat(driver.poll(10, TimeUnit.SECONDS)).isEqualTo(24.0);
        assertThat(climate.poll(10, TimeUnit.SECONDS)).isNotNull();
        values.close();
        new SkeletonSignals(ecu, signals.registry()).set(DRIVER, 25.0);
        assertThat(climate.poll(10, TimeUnit.SECONDS)).isNotNull(); // delivered to the open one...
        assertThat(driver).isEmpty(); // ...after which the closed one can have nothing pending
        fields.close();
    }

    @Test
    @DisplayName("a listener joining a field's subscription after its initial value gets the current value, once")
    void lateListenerGetsCurrentValue() throws Exception {
        BlockingQueue<Object> first = new LinkedBlockingQueue<>();
        Subscription early = signals.subscribe(DRIVER, first::add);
        early.acknowledged().get(10, TimeUnit.SECONDS);
        assertThat(first.poll(10, TimeUnit.SECONDS)).isEqualTo(21.0); // the initial value, to the only listener
        BlockingQueue<Object> late = new LinkedBlockingQueue<>();
        Subscription joined = signals.subscribe(DRIVER, late::add); // the same notifier: no new SOME/IP Subscribe
        assertThat(late.poll(10, TimeUnit.SECONDS)).isEqualTo(21.0);
        new SkeletonSignals(ecu, signals.registry()).set(DRIVER, 22.0);
        assertThat(late.poll(10, TimeUnit.SECONDS)).isEqualTo(22.0);
        assertThat(first.poll(10, TimeUnit.SECONDS)).isEqualTo(22.0);
        assertThat(late).isEmpty(); // the catch-up value came once, not again with the next notification
        joined.close();
        early.close();
    }

    @Test
    @DisplayName("get, getField and subscribe report what they cannot serve through their future, never by throwing")
    void failuresThroughTheFuture() throws Exception {
        assertThat(cause(signals.getField(HVAC, "Teleporter"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no field Teleporter");
        Subscription unknown = signals.subscribe("Vehicle.Cabin.Teleporter", v -> { });
        assertThat(cause(unknown.acknowledged())).isInstanceOf(UnknownSignalException.class)
                .hasMessageContaining("Vehicle.Cabin.Teleporter");
        unknown.close(); // nothing to close, and no failure either
        assertThat(cause(signals.subscribeField(HVAC, "Teleporter", v -> { }).acknowledged()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no field Teleporter");

        signals.close();
        assertThat(cause(signals.get(DRIVER))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signal client closed");
        assertThat(cause(signals.getField(HVAC, "Climate"))).isInstanceOf(IllegalStateException.class);
        assertThat(cause(signals.set(DRIVER, 22.0))).isInstanceOf(IllegalStateException.class);
        assertThat(cause(signals.subscribe(DRIVER, v -> { }).acknowledged())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signal client closed");
        assertThat(applied).as("nothing reached the ECU").isEmpty();
    }

    @Test
    @DisplayName("subscribing to a signal whose field has no notifier fails its subscription, naming the field")
    void signalWithoutNotifier() {
        // The HVAC service as deployed, except that CabinTemperature has a getter but no notifier.
        ServiceBinding withoutNotifier = ServiceBinding.of(hvacWithoutCabinNotifier());
        try (SignalClient client = new SignalClient(clientNode, SignalRegistry.of(List.of(withoutNotifier)))) {
            assertThat(cause(client.subscribe(CABIN, v -> { }).acknowledged()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(CABIN + " is in field CabinTemperature").hasMessageContaining("no notifier");
            assertThat(cause(client.subscribeField(withoutNotifier, "CabinTemperature", v -> { }).acknowledged()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no notifier");
        }
    }

    private static ServiceDescriptor hvacWithoutCabinNotifier() {
        FileDescriptor file = ClimateSettings.getDescriptor().getFile();
        FileDescriptorProto.Builder proto = file.toProto().toBuilder();
        ServiceDescriptorProto.Builder service = proto.getServiceBuilderList()
                .stream().filter(s -> s.getName().equals("HvacService")).findFirst().orElseThrow();
        ServiceDeployment.Builder deployment = service.getOptions().getExtension(SomeIpOptionsProto.service)
                .toBuilder();
        deployment.getFieldsBuilderList().stream().filter(f -> f.getName().equals("CabinTemperature"))
                .forEach(FieldDeployment.Builder::clearNotifier);
        service.setOptions(service.getOptions().toBuilder().setExtension(SomeIpOptionsProto.service,
                deployment.build()));
        try {
            return FileDescriptor.buildFrom(proto.build(),
                    file.getDependencies().toArray(FileDescriptor[]::new))
                    .findServiceByName("HvacService");
        } catch (DescriptorValidationException e) {
            throw new AssertionError(e);
        }
    }

    static Throwable cause(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + future.join());
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
