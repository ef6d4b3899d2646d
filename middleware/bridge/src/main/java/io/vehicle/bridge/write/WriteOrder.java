package io.vehicle.bridge.write;

import io.vehicle.bridge.auth.Identity;
import java.time.Duration;
import java.util.List;

/**
 * A write request from any API, as the write gate takes it.
 *
 * @param via            which API it came through, for the audit log ("gateway", "kuksa", "service:...")
 * @param confirmTimeout how long to wait for the ECUs' confirmation; null for the bridge's default
 * @param correlationId  the caller's reference; empty to have one assigned
 */
public record WriteOrder(Identity caller, String via, List<SignalWrite> writes, boolean dryRun,
                         Duration confirmTimeout, boolean driverConfirmed, String correlationId) {

    public WriteOrder {
        writes = List.copyOf(writes);
    }
}
