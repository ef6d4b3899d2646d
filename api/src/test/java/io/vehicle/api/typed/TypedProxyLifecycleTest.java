package io.vehicle.api.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import io.vehicle.api.hvac.v1.HvacServiceProxy;
import io.vehicle.api.hvac.v1.HvacServiceSkeleton;
import io.vehicle.api.lights.v1.LightServiceProxy;
import io.vehicle.api.windshield.v1.WindshieldServiceProxy;
import io.vehicle.idl.hvac.v1.CabinTemperature;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.Zone;
import io.vehicle.idl.lights.v1.InteriorLights;
import io.vehicle.idl.windshield.v1.WashRequest;
import io.vehicle.someip.runtime.ServiceUnavailableException;
import io.vehicle.someip.sd.AvailabilityReason;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.ServiceInstance;
import io.vehicle.someip.sdk.binding.DescriptorProxy;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.Availability;
import io.vehicle.someip.sdk.service.Registration;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.someip.serialization.SerializationException;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.testing.TestPorts;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The generated proxies' lifecycle API on real nodes (ECU 127.0.0.1, cockpit 127.0.0.2): availability
 * as values with removable listeners, failures as failed futures, and calls that resolve nothing by
 * name (counted by the bindings' diagnostics).
 */
class TypedProxyLifecycleTest {

    static NodeConfig node(String address) {
        return NodeConfig.defaults().withUnicast(address).withSd(TestPorts.sdPort(5), SdTimings.fast());
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        assertThat(value).as("within 10 s").isNotNull();
        return value;
    }

    static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(10, TimeUnit.SECONDS));
        assertThat(thrown).as("the future failed").isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    @Test
    @DisplayName("typed onAvailability/isAvailable/whenAvailable follow the ECU: up, STOP_OFFER, up again; "
            + "a closed registration hears nothing")
    void typedProxyFollowsAvailability() throws Exception {
        try (SomeIpNode ecuNode = SomeIpNode.start(node("127.0.0.1"));
             SomeIpNode cockpit = SomeIpNode.start(node("127.0.0.2"));
             HvacServiceProxy hvac = new HvacServiceProxy(cockpit)) {
            BlockingQueue<Availability> removed = new LinkedBlockingQueue<>();
            BlockingQueue<Availability> kept = new LinkedBlockingQueue<>();
            Registration first = hvac.onAvailability(removed::add);
            hvac.onAvailability(kept::add);
            CompletableFuture<RemoteService> found = hvac.whenAvailable();
            assertThat(hvac.isAvailable()).isFalse();

            CatalogEcus.HvacEcu ecu = new CatalogEcus.HvacEcu(ecuNode);
            ecu.offer();
            Availability up = next(kept);
            assertThat(up.available()).isTrue();
            assertThat(up.reason()).isEqualTo(AvailabilityReason.OFFERED);
            assertThat(up.instance()).isEqualTo(new ServiceInstance(HvacServiceProxy.BINDING.serviceId(), 1));
            assertThat(get(found)).isEqualTo(up.service());
            assertThat(hvac.isAvailable()).isTrue();
            assertThat(next(removed)).isEqualTo(up);

            first.close();
            ecu.close(); // StopOfferService
            Availability down = next(kept);
            assertThat(down.available()).isFalse();
            assertThat(down.reason()).isEqualTo(AvailabilityReason.STOP_OFFER);
            assertThat(hvac.isAvailable()).isFalse();
            CompletableFuture<RemoteService> again = hvac.whenAvailable();
            assertThat(again).isNotDone();

            CatalogEcus.HvacEcu restarted = new CatalogEcus.HvacEcu(ecuNode);
            restarted.offer();
            assertThat(next(kept).available()).isTrue();
            assertThat(get(again).udp()).isEqualTo(ecuNode.server().udpAddress());
            assertThat(get(hvac.getCabinTemperature()).getCelsius()).isEqualTo(19.5f);
            assertThat(removed).as("told after its registration closed").isEmpty();
            restarted.close();
        }
    }

    @Test
    @DisplayName("typed failures are failed futures: a value that does not serialize, a service nobody offers")
    void typedFailuresAreFailedFutures() throws Exception {
        try (SomeIpNode cockpit = SomeIpNode.start(node("127.0.0.2"));
             LightServiceProxy lights = new LightServiceProxy(cockpit);
             WindshieldServiceProxy windshield = new WindshieldServiceProxy(cockpit)) {
            // InteriorLights.ambient_color is a fixed array of three: the empty default does not serialize.
            assertThat(failure(lights.setInterior(InteriorLights.getDefaultInstance())))
                    .isInstanceOf(SerializationException.class);
            assertThat(failure(lights.getInterior())).isInstanceOf(ServiceUnavailableException.class);
            assertThat(failure(windshield.wash(WashRequest.newBuilder().setCycles(1).build())))
                    .isInstanceOf(ServiceUnavailableException.class);
        }
    }

    @Test
    @DisplayName("typed calls, events and field updates look nothing up by name and compare no descriptor names")
    void typedHotPathResolvesNothingByName() throws Exception {
        try (SomeIpNode ecuNode = SomeIpNode.start(node("127.0.0.1"));
             SomeIpNode cockpit = SomeIpNode.start(node("127.0.0.2"));
             HvacServiceProxy hvac = new HvacServiceProxy(cockpit)) {
            CatalogEcus.HvacEcu ecu = new CatalogEcus.HvacEcu(ecuNode);
            ecu.offer();
            BlockingQueue<CabinTemperature> cabin = new LinkedBlockingQueue<>();
            Subscription subscription = hvac.subscribeCabinTemperatureChanged(cabin::add);
            get(hvac.whenAvailable());
            get(subscription.acknowledged());
            assertThat(next(cabin).getCelsius()).isEqualTo(19.5f); // the initial value

            long proxyLookups = HvacServiceProxy.BINDING.lookupsByName();
            long proxyNameChecks = HvacServiceProxy.BINDING.typeChecksByName();
            long skeletonLookups = HvacServiceSkeleton.BINDING.lookupsByName();
            long skeletonNameChecks = HvacServiceSkeleton.BINDING.typeChecksByName();
            for (int i = 0; i < 20; i++) {
                float celsius = 18 + i % 8;
                assertThat(get(hvac.setZoneTemperature(SetZoneTemperatureRequest.newBuilder()
                        .setZone(Zone.ZONE_ROW1_DRIVER).setCelsius(celsius).build())).getSetpoints().getRow1Driver())
                        .isEqualTo(celsius);
                ClimateSettings climate = get(hvac.getClimate());
                assertThat(get(hvac.setClimate(climate.toBuilder().setRow1DriverFanSpeed(i).build()))
                        .getRow1DriverFanSpeed()).isEqualTo(i);
                assertThat(ecu.climate().getRow1DriverFanSpeed()).isEqualTo(i);
                ecu.updateCabinTemperature(CabinTemperature.newBuilder().setCelsius(20 + i).build());
                assertThat(next(cabin).getCelsius()).isEqualTo(20f + i);
            }
            assertThat(HvacServiceProxy.BINDING.lookupsByName()).as("proxy lookups by name").isEqualTo(proxyLookups);
            assertThat(HvacServiceProxy.BINDING.typeChecksByName()).isEqualTo(proxyNameChecks);
            assertThat(HvacServiceSkeleton.BINDING.lookupsByName()).as("skeleton lookups by name")
                    .isEqualTo(skeletonLookups);
            assertThat(HvacServiceSkeleton.BINDING.typeChecksByName()).isEqualTo(skeletonNameChecks);

            // The counter counts: the by-name API of the same binding looks the rpc up on every call.
            ServiceBinding generic = ServiceBinding.of(HvacServiceProxy.BINDING.descriptor());
            try (DescriptorProxy dynamic = new DescriptorProxy(cockpit, generic, SomeIpSerializer.shared(), 1)) {
                get(dynamic.whenAvailable());
                DynamicMessage climate = get(dynamic.call("GetClimate", Empty.getDefaultInstance()));
                assertThat(climate.getDescriptorForType().getFullName()).isEqualTo("vehicle.hvac.v1.ClimateSettings");
                get(dynamic.call("GetClimate", Empty.getDefaultInstance()));
                assertThat(generic.lookupsByName()).isEqualTo(2);
            }
            ecu.close();
        }
    }
}
