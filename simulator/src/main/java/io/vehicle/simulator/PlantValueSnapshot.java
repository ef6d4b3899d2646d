package io.vehicle.simulator;

import java.time.Instant;

/**
 * One plant value as a bench sees it: the true value, when it last changed (simulated time and the
 * instant it stands for), the ECU that owns it (empty when no virtual ECU offers its service), whether a
 * bench holds it, and, while its sensor is frozen, the value the ECU keeps reporting.
 */
public record PlantValueSnapshot(String path, Object value, long changedNanos, Instant changed, String ecu,
                                 boolean held, boolean frozen, Object reported) {
}
