package io.vehicle.idl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.vehicle.idl.signal.Access;
import io.vehicle.idl.someip.ApplicationError;
import io.vehicle.idl.someip.EventgroupDeployment;
import io.vehicle.idl.someip.FieldDeployment;
import io.vehicle.idl.someip.MethodDeployment;
import io.vehicle.idl.someip.ServiceDeployment;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VehicleCatalogTest {

    private static MethodDeployment deployment(MethodDescriptor method) {
        return method.getOptions().getExtension(SomeIpOptionsProto.method);
    }

    @Test
    @DisplayName("application errors: codes in 0x20..0x5E (feat_req_someip_371), unique per service, named and explained")
    void applicationErrorsAreWellFormed() {
        for (ServiceDescriptor service : VehicleCatalog.services()) {
            List<ApplicationError> errors = VehicleCatalog.deployment(service).getApplicationErrorsList();
            assertThat(errors.stream().map(ApplicationError::getCode).toList()).as(service.getName())
                    .doesNotHaveDuplicates().allSatisfy(code -> assertThat(code).isBetween(0x20, 0x5E));
            assertThat(errors.stream().map(ApplicationError::getName).toList()).as(service.getName())
                    .doesNotHaveDuplicates().allSatisfy(name -> assertThat(name).matches("[A-Z][A-Z0-9_]*"));
            assertThat(errors).allSatisfy(e -> assertThat(e.getDescription()).as(e.getName()).isNotBlank());
        }
        // The shared codes mean the same in every service that lists them.
        java.util.Map<Integer, Set<String>> namesByCode = new java.util.TreeMap<>();
        VehicleCatalog.services().forEach(s -> VehicleCatalog.deployment(s).getApplicationErrorsList().stream()
                .filter(e -> e.getCode() < 0x30)
                .forEach(e -> namesByCode.computeIfAbsent(e.getCode(), c -> new HashSet<>()).add(e.getName())));
        assertThat(namesByCode).containsEntry(0x20, Set.of("OUT_OF_RANGE")).containsEntry(0x21, Set.of("INVALID_VALUE"))
                .containsEntry(0x22, Set.of("POWER_OFF"));
    }

    @Test
    @DisplayName("every service has a SOME/IP deployment with a unique service id")
    void serviceIdsAreUnique() {
        List<ServiceDescriptor> services = VehicleCatalog.services();
        assertThat(services).hasSizeGreaterThanOrEqualTo(8);
        List<Integer> ids = services.stream().map(s -> VehicleCatalog.deployment(s).getServiceId()).toList();
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isBetween(0x0001, 0xFFFE));
        for (ServiceDescriptor service : services) {
            ServiceDeployment d = VehicleCatalog.deployment(service);
            assertThat(d.getMajorVersion()).as(service.getName()).isBetween(1, 0xFE);
            assertThat(d.getInstanceId()).as(service.getName()).isBetween(1, 0xFFFE);
        }
    }

    @Test
    @DisplayName("method ids below 0x8000, event ids from 0x8000, unique within a service (feat_req_someip_67)")
    void methodAndEventIdsAreUniqueWithinService() {
        for (ServiceDescriptor service : VehicleCatalog.services()) {
            Set<Integer> ids = new HashSet<>();
            for (MethodDescriptor method : service.getMethods()) {
                MethodDeployment m = deployment(method);
                int id = method.isServerStreaming() ? m.getEventId() : m.getMethodId();
                if (method.isServerStreaming()) {
                    assertThat(m.getEventId()).as(method.getFullName()).isBetween(0x8000, 0xFFFE);
                    assertThat(m.getMethodId()).as(method.getFullName()).isZero();
                } else {
                    assertThat(m.getMethodId()).as(method.getFullName()).isBetween(0x0001, 0x7FFF);
                    assertThat(m.getEventId()).as(method.getFullName()).isZero();
                }
                assertThat(method.isClientStreaming()).as(method.getFullName()).isFalse();
                assertThat(ids.add(id)).as("duplicate id 0x%04X in %s", id, service.getName()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("every service has methods, events in declared eventgroups, and fields with getter and notifier")
    void servicesAreComplete() {
        for (ServiceDescriptor service : VehicleCatalog.services()) {
            ServiceDeployment d = VehicleCatalog.deployment(service);
            Set<Integer> groups = d.getEventgroupsList().stream().map(EventgroupDeployment::getEventgroupId)
                    .collect(Collectors.toSet());
            assertThat(groups).as(service.getName()).isNotEmpty().hasSize(d.getEventgroupsCount());
            List<MethodDescriptor> events = service.getMethods().stream().filter(MethodDescriptor::isServerStreaming).toList();
            assertThat(events).as(service.getName()).isNotEmpty();
            assertThat(service.getMethods().size()).as(service.getName()).isGreaterThan(events.size());
            for (MethodDescriptor event : events) {
                assertThat(deployment(event).getEventgroupIdsList()).as(event.getFullName()).isNotEmpty()
                        .allSatisfy(g -> assertThat(groups).contains(g));
            }
            assertThat(d.getFieldsList()).as(service.getName()).isNotEmpty();
            for (FieldDeployment field : d.getFieldsList()) {
                MethodDescriptor getter = service.findMethodByName(field.getGetter());
                MethodDescriptor notifier = service.findMethodByName(field.getNotifier());
                assertThat(getter).as(service.getName() + "." + field.getName() + " getter").isNotNull();
                assertThat(notifier).as(service.getName() + "." + field.getName() + " notifier").isNotNull();
                assertThat(getter.isServerStreaming()).isFalse();
                assertThat(notifier.isServerStreaming()).as(notifier.getFullName()).isTrue();
                assertThat(notifier.getOutputType()).isEqualTo(getter.getOutputType());
                if (!field.getSetter().isEmpty()) {
                    MethodDescriptor setter = service.findMethodByName(field.getSetter());
                    assertThat(setter).as(service.getName() + "." + field.getName() + " setter").isNotNull();
                    assertThat(setter.getInputType()).isEqualTo(getter.getOutputType());
                    assertThat(setter.getOutputType()).isEqualTo(getter.getOutputType());
                }
            }
        }
    }

    @Test
    @DisplayName("the catalog has at least 50 signals, each with a unique VSS path")
    void signalPathsAreUnique() {
        List<Signal> signals = VehicleCatalog.signals();
        assertThat(signals).hasSizeGreaterThanOrEqualTo(50);
        assertThat(signals).extracting(Signal::path).doesNotHaveDuplicates()
                .allSatisfy(path -> assertThat(path).matches("Vehicle(\\.[A-Z][A-Za-z0-9]*)+"));
        assertThat(signals).extracting(Signal::path).contains(
                "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature", "Vehicle.Speed",
                "Vehicle.Cabin.Seat.Row1.DriverSide.Heating", "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position",
                "Vehicle.Body.Trunk.Rear.IsOpen", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
                "Vehicle.Exterior.AirTemperature");
    }

    @Test
    @DisplayName("every signal has access and a description; every writable one a range or allowed values")
    void writableSignalsAreBounded() {
        for (Signal signal : VehicleCatalog.signals()) {
            assertThat(signal.access()).as(signal.path()).isIn(Access.READ_ONLY, Access.READ_WRITE);
            assertThat(signal.description()).as(signal.path()).isNotBlank();
            if (signal.hasRange()) {
                assertThat(signal.min()).as(signal.path()).isLessThan(signal.max());
            }
            if (signal.writable()) {
                assertThat(signal.hasRange() || !signal.allowedValues().isEmpty())
                        .as("%s is writable but has neither min/max nor allowed values", signal.path()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("vehicle state signals are read-only")
    void vehicleStateIsReadOnly() {
        assertThat(VehicleCatalog.signals()).filteredOn(s -> s.service().equals("vehicle.state.v1.VehicleStateService"))
                .hasSizeGreaterThanOrEqualTo(6).allSatisfy(s -> assertThat(s.writable()).as(s.path()).isFalse());
    }

    @Test
    @DisplayName("the actuators that move over time declare a travel time; nothing else, and nothing read-only does")
    void movingActuatorsDeclareTheirTravel() {
        Set<String> moving = VehicleCatalog.signals().stream().filter(s -> !s.maxTravel().isZero())
                .map(Signal::path).collect(Collectors.toSet());
        assertThat(moving).containsExactlyInAnyOrder("Vehicle.Cabin.Sunroof.Position",
                "Vehicle.Cabin.Sunroof.Shade.Position", "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position",
                "Vehicle.Cabin.Door.Row1.PassengerSide.Window.Position",
                "Vehicle.Cabin.Door.Row2.DriverSide.Window.Position",
                "Vehicle.Cabin.Door.Row2.PassengerSide.Window.Position", "Vehicle.Cabin.Seat.Row1.DriverSide.Position",
                "Vehicle.Cabin.Seat.Row1.DriverSide.Height", "Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline");
        assertThat(VehicleCatalog.signals()).filteredOn(s -> moving.contains(s.path()))
                .allSatisfy(s -> assertThat(s.writable()).as(s.path()).isTrue());
        assertThat(VehicleCatalog.signals()).filteredOn(s -> s.path().equals("Vehicle.Cabin.Sunroof.Position"))
                .singleElement().satisfies(s -> assertThat(s.maxTravel()).hasSeconds(12));
    }
}
