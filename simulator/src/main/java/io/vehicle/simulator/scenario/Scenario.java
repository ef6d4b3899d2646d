package io.vehicle.simulator.scenario;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vehicle.simulator.plant.DriveProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A scenario file (YAML, see docs/simulator.md): the vehicle's start (initial plant values, drive
 * profile, clock), then a timeline of steps: stimuli through a real SOME/IP consumer (set signals, call
 * methods), bench actions (force values, change the drive profile, inject and clear faults), the clock
 * moving on, waits for conditions with deadlines, and expectations with tolerances.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Scenario(String name, String description, Clock clock, Map<String, Object> initial,
                       DriveProfile driveProfile, List<Step> steps) {

    /** rate: "max" (default) or simulated seconds per real second; stepMs: the plant step. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Clock(String rate, Integer stepMs) {
    }

    public Scenario {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scenario needs a name");
        }
        initial = initial == null ? Map.of() : initial;
        steps = steps == null ? List.of() : List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no steps");
        }
        for (int i = 0; i < steps.size(); i++) {
            try {
                steps.get(i).validate();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scenario " + name + ", step " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
    }

    /** One step: exactly one action, optionally at an absolute simulated time and with a name. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Step(String name, String at, Map<String, Object> set, Call call, String expectError, Force force,
                       String release, DriveProfile driveProfile, FaultStep fault, String clearFault,
                       @JsonProperty("wait") Condition waitFor,
                       Condition expect, EventExpectation expectEvent, String advance) {

        void validate() {
            long actions = java.util.stream.Stream.of(set, call, force, release, driveProfile, fault, clearFault, waitFor,
                    expect, expectEvent, advance).filter(java.util.Objects::nonNull).count();
            if (actions != 1) {
                throw new IllegalArgumentException("a step needs exactly one of set, call, force, release, "
                        + "driveProfile, fault, clearFault, wait, expect, expectEvent, advance (found " + actions + ")");
            }
            if (expectError != null && set == null && call == null) {
                throw new IllegalArgumentException("expectError belongs to a set or call step");
            }
            if (waitFor != null) {
                waitFor.validate(true);
            }
            if (expect != null) {
                expect.validate(false);
            }
        }

        String action() {
            if (set != null) {
                return "set";
            } else if (call != null) {
                return "call";
            } else if (force != null) {
                return "force";
            } else if (release != null) {
                return "release";
            } else if (driveProfile != null) {
                return "driveProfile";
            } else if (fault != null) {
                return "fault";
            } else if (clearFault != null) {
                return "clearFault";
            } else if (waitFor != null) {
                return "wait";
            } else if (expect != null) {
                return "expect";
            } else if (expectEvent != null) {
                return "expectEvent";
            }
            return "advance";
        }
    }

    /** A method call by rpc name with the request as YAML (protobuf JSON field names). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Call(String service, String method, Map<String, Object> body) {
    }

    /** A value forced through the control surface, as if the physics had produced it. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Force(String path, Object value, Boolean hold) {
    }

    /**
     * A fault: its kind (restart, crash, stopOffer, packetLoss, delay, malformedBurst, sensorFreeze,
     * clockSkew), its target (an ECU by name, or a service by catalog name and instance), its parameters,
     * how long it lasts in simulated time (none: until cleared), and an id to clear it by.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record FaultStep(String id, String kind, String ecu, String service, Integer instance, String duration,
                            String down, Double percent, Integer delayMs, Integer jitterMs, Integer count,
                            String path, Double factor, Long offsetMs) {
    }

    /**
     * A condition on a signal read through SOME/IP (its field's getter) or on a service's availability as
     * the consumer's SD sees it; {@code within} is a deadline in simulated time; {@code latencyAtLeast} asks
     * the getter's answer to take at least that long in real time (an injected delay shows).
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Condition(String signal, @JsonProperty("equals") Object expected, Double tolerance, Double atLeast, Double atMost,
                            String available, String unavailable, String within, String latencyAtLeast) {

        void validate(boolean needsDeadline) {
            long kinds = java.util.stream.Stream.of(signal, available, unavailable).filter(java.util.Objects::nonNull)
                    .count();
            if (kinds != 1) {
                throw new IllegalArgumentException("a condition names one of signal, available, unavailable");
            }
            if (signal != null && expected == null && atLeast == null && atMost == null) {
                throw new IllegalArgumentException("a condition on " + signal + " needs equals, atLeast or atMost");
            }
            if (needsDeadline && within == null) {
                throw new IllegalArgumentException("a wait needs a deadline: within");
            }
        }
    }

    /** An event (not a field notifier) the consumer must have received, optionally with given members. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record EventExpectation(String service, String event, Map<String, Object> fields, String within) {
    }

    public static Scenario load(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return mapper.readValue(file.toFile(), Scenario.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage(), e);
        }
    }
}
