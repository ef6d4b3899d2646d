package io.vehicle.simulator.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sd.SdConfig;
import java.util.Arrays;
import java.util.List;

/**
 * One virtual ECU: its name, unicast address, the process it runs in, the SOME/IP port of its endpoint
 * (null: the file's someipPort; 0: any free one), SD timings of its own (null: the file's), and the
 * services it offers with their instance ids and publishing cycles.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record EcuConfig(String name, String unicast, String process, Integer someipPort, SdTimings sdTimings,
                        List<ServiceConfig> services) {

    /**
     * One offered service: its catalog name ("HvacService" or "vehicle.hvac.v1.HvacService"), its instance
     * (null: the IDL's), and a cycle in ms of the ECU's time at which every field is sent even if unchanged
     * (0: only on change).
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ServiceConfig(String name, Integer instance, Integer cycleMs) {
        public ServiceConfig {
            if (name == null) {
                throw new IllegalArgumentException("services: an entry without a name");
            }
            name = resolve(name);
            cycleMs = cycleMs == null ? 0 : cycleMs;
            if (cycleMs < 0) {
                throw new IllegalArgumentException("services." + name + ".cycleMs must not be negative");
            }
            if (instance != null && (instance < 1 || instance > 0xFFFE)) {
                throw new IllegalArgumentException("services." + name + ".instance " + instance + " is outside 1..0xFFFE");
            }
        }

        /** The simple name of a catalog service, from its simple or full name. */
        public static String resolve(String name) {
            return VehicleCatalog.services().stream()
                    .filter(s -> s.getName().equals(name) || s.getFullName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no catalog service " + name + " (there are "
                            + VehicleCatalog.services().stream().map(s -> s.getName()).toList() + ")"))
                    .getName();
        }
    }

    public EcuConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("ecus: an ECU without a name");
        }
        if (unicast == null) {
            throw new IllegalArgumentException("ecus." + name + ": no unicast address");
        }
        SdConfig.ipv4(unicast);
        process = process == null ? "main" : process;
        services = services == null ? List.of() : List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("ecus." + name + ": offers no service");
        }
    }

    public static EcuConfig of(String name, String unicast, String... services) {
        return new EcuConfig(name, unicast, null, null, null,
                Arrays.stream(services).map(s -> new ServiceConfig(s, null, null)).toList());
    }

    public EcuConfig withServices(List<ServiceConfig> value) {
        return new EcuConfig(name, unicast, process, someipPort, sdTimings, value);
    }
}
