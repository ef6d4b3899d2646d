package io.vehicle.bridge.grpc;

import io.vehicle.bridge.write.WriteReport;
import io.vehicle.bridge.write.WriteResult;
import io.vehicle.bridge.write.WriteStatus;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;

/**
 * How APIs without per-signal results (KUKSA's Actuate, the vehicle services' setters) report a write:
 * OK, or the status of the first signal that failed, with its reason.
 *
 * <table>
 *   <tr><th>write status</th><th>gRPC status</th></tr>
 *   <tr><td>INVALID, unknown signal</td><td>NOT_FOUND</td></tr>
 *   <tr><td>INVALID, otherwise</td><td>INVALID_ARGUMENT</td></tr>
 *   <tr><td>DENIED_BY_POLICY, NEEDS_CONFIRMATION</td><td>PERMISSION_DENIED</td></tr>
 *   <tr><td>UNAVAILABLE</td><td>UNAVAILABLE</td></tr>
 *   <tr><td>REJECTED_BY_ECU</td><td>FAILED_PRECONDITION</td></tr>
 *   <tr><td>TIMEOUT</td><td>DEADLINE_EXCEEDED</td></tr>
 * </table>
 */
public final class WriteStatuses {

    private WriteStatuses() {
    }

    /** Null when every signal is CONFIRMED or ACCEPTED, else the status of the first that is not. */
    public static StatusException failure(WriteReport report, SignalRegistry registry) {
        for (WriteResult result : report.results()) {
            GrpcStatus status = switch (result.status()) {
                case CONFIRMED, ACCEPTED, ALLOWED, NOT_ATTEMPTED -> null;
                case INVALID -> registry.find(result.path()).isEmpty() ? GrpcStatus.NOT_FOUND
                        : GrpcStatus.INVALID_ARGUMENT;
                case DENIED_BY_POLICY, NEEDS_CONFIRMATION -> GrpcStatus.PERMISSION_DENIED;
                case UNAVAILABLE -> GrpcStatus.UNAVAILABLE;
                case REJECTED_BY_ECU -> GrpcStatus.FAILED_PRECONDITION;
                case TIMEOUT -> GrpcStatus.DEADLINE_EXCEEDED;
            };
            if (status != null) {
                String extra = result.status() == WriteStatus.NEEDS_CONFIRMATION
                        ? " (ask the driver, then write with vehicle.gateway.v1.Gateway/Write and driver_confirmed)" : "";
                return new StatusException(status, result.path() + ": " + result.reason() + extra);
            }
        }
        return null;
    }
}
