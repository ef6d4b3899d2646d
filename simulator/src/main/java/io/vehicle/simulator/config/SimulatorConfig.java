package io.vehicle.simulator.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vehicle.simulator.plant.DriveProfile;
import io.vehicle.simulator.plant.VehicleParameters;
import io.vehicle.someip.sd.SdConfig;
import io.vehicle.someip.sd.SdTimings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's one file (YAML): which ECUs run (in one process or several), their unicast addresses,
 * SOME/IP ports, services, instance ids and SD settings, the clock, the vehicle's initial state and
 * parameters, the drive profile, and the control API. Every key has a default; with no file at all the
 * whole car runs on loopback ({@link #defaults()}). Unknown keys are errors, so a typo does not pass.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SimulatorConfig(Clock clock, Sd sd, Integer someipPort, List<EcuConfig> ecus, Vehicle vehicle,
                              Control control, List<String> offer) {

    /** rate: simulated seconds per real second, or "max"; stepMs: the plant's integration step. */
    public record Clock(String rate, Integer stepMs) {
        public Clock {
            rate = rate == null ? "1" : rate.strip();
            stepMs = stepMs == null ? 100 : stepMs;
            if (stepMs < 1 || stepMs > 10_000) {
                throw new IllegalArgumentException("clock.stepMs: " + stepMs + " is outside 1..10000");
            }
            if (!rate.equals("max")) {
                double value;
                try {
                    value = Double.parseDouble(rate);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("clock.rate: '" + rate + "' is neither a number nor max");
                }
                if (!(value > 0) || value > 10_000) {
                    throw new IllegalArgumentException("clock.rate: " + rate + " is outside (0, 10000] or max");
                }
            }
        }

        public boolean max() {
            return rate.equals("max");
        }

        public double factor() {
            return max() ? Double.POSITIVE_INFINITY : Double.parseDouble(rate);
        }
    }

    /** SD settings every ECU shares unless it sets its own. */
    public record Sd(Integer port, String multicast, SdTimings timings) {
        public Sd {
            port = port == null ? SdConfig.DEFAULT_PORT : port;
            multicast = multicast == null ? SdConfig.DEFAULT_GROUP : multicast;
            timings = timings == null ? SdTimings.defaults() : timings;
        }
    }

    /** The vehicle: initial plant values by VSS path, parameters and limits, the drive profile. */
    public record Vehicle(Map<String, Object> initial, VehicleParameters parameters, DriveProfile driveProfile) {
        public Vehicle {
            initial = initial == null ? Map.of() : new LinkedHashMap<>(initial);
            parameters = parameters == null ? VehicleParameters.defaults() : parameters;
            driveProfile = driveProfile == null ? DriveProfile.parked() : driveProfile;
        }
    }

    /** The gRPC control API for benches: on loopback by default; port 0 picks a free one. */
    public record Control(Boolean enabled, String address, Integer port) {
        public static final int DEFAULT_PORT = 55556;

        public Control {
            enabled = enabled == null || enabled;
            address = address == null ? "127.0.0.1" : address;
            port = port == null ? DEFAULT_PORT : port;
        }
    }

    public SimulatorConfig {
        clock = clock == null ? new Clock(null, null) : clock;
        sd = sd == null ? new Sd(null, null, null) : sd;
        someipPort = someipPort == null ? 30501 : someipPort;
        ecus = ecus == null ? defaultEcus() : List.copyOf(ecus);
        vehicle = vehicle == null ? new Vehicle(null, null, null) : vehicle;
        control = control == null ? new Control(null, null, null) : control;
        offer = offer == null ? List.of() : List.copyOf(offer);
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (EcuConfig ecu : ecus) {
            if (!names.add(ecu.name())) {
                throw new IllegalArgumentException("ecus: the name " + ecu.name() + " is used twice");
            }
            if (!addresses.add(ecu.unicast())) {
                throw new IllegalArgumentException("ecus: the unicast address " + ecu.unicast() + " is used twice");
            }
        }
        for (String service : offer) {
            EcuConfig.ServiceConfig.resolve(service);
        }
    }

    /** The whole car on loopback: five ECUs as a real car has them, SD on 30490. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(null, null, null, null, null, null, null);
    }

    /** Climate, seat, body, head unit and gateway ECUs on 127.0.10.1 to 127.0.10.5. */
    public static List<EcuConfig> defaultEcus() {
        return List.of(
                EcuConfig.of("climate-ecu", "127.0.10.1", "HvacService"),
                EcuConfig.of("seat-ecu", "127.0.10.2", "SeatService"),
                EcuConfig.of("body-ecu", "127.0.10.3", "WindowService", "DoorService", "LightService", "MirrorService",
                        "WindshieldService"),
                EcuConfig.of("head-unit", "127.0.10.4", "InfotainmentService"),
                EcuConfig.of("vehicle-gateway", "127.0.10.5", "VehicleStateService"));
    }

    public static SimulatorConfig load(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.findAndRegisterModules();
        return mapper.readValue(file.toFile(), SimulatorConfig.class);
    }

    /** The processes the ECUs are spread over, in order of first appearance. */
    public List<String> processes() {
        List<String> processes = new ArrayList<>();
        for (EcuConfig ecu : ecus) {
            if (!processes.contains(ecu.process())) {
                processes.add(ecu.process());
            }
        }
        return processes;
    }

    /** The same file for one process: only its ECUs. */
    public SimulatorConfig onlyProcess(String process) {
        List<EcuConfig> mine = ecus.stream().filter(e -> e.process().equals(process)).toList();
        if (mine.isEmpty()) {
            throw new IllegalArgumentException("no ECU runs in process '" + process + "' (processes: " + processes() + ")");
        }
        return new SimulatorConfig(clock, sd, someipPort, mine, vehicle, control, offer);
    }

    public SimulatorConfig withSdPort(int port) {
        return new SimulatorConfig(clock, new Sd(port, sd.multicast(), sd.timings()), someipPort, ecus, vehicle, control,
                offer);
    }

    public SimulatorConfig withSdTimings(SdTimings timings) {
        return new SimulatorConfig(clock, new Sd(sd.port(), sd.multicast(), timings), someipPort, ecus, vehicle, control,
                offer);
    }

    public SimulatorConfig withSomeipPort(int port) {
        return new SimulatorConfig(clock, sd, port, ecus, vehicle, control, offer);
    }

    public SimulatorConfig withClock(Clock value) {
        return new SimulatorConfig(value, sd, someipPort, ecus, vehicle, control, offer);
    }

    public SimulatorConfig withControl(Control value) {
        return new SimulatorConfig(clock, sd, someipPort, ecus, vehicle, value, offer);
    }

    public SimulatorConfig withVehicle(Vehicle value) {
        return new SimulatorConfig(clock, sd, someipPort, ecus, value, control, offer);
    }

    public SimulatorConfig withOffer(List<String> services) {
        return new SimulatorConfig(clock, sd, someipPort, ecus, vehicle, control, services);
    }

    public SimulatorConfig withEcus(List<EcuConfig> value) {
        return new SimulatorConfig(clock, sd, someipPort, value, vehicle, control, offer);
    }
}
