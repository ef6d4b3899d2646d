package io.vehicle.bridge.dashboard;

import io.vehicle.idl.simulator.v1.Fault;
import io.vehicle.idl.simulator.v1.FaultTarget;
import io.vehicle.idl.simulator.v1.TriggerFaultRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the bridge accepts as a fault from the page before it asks the simulator: a target that exists, a
 * duration between one second and ten minutes (a fault the page starts must end by itself, so a forgotten
 * one does not leave the demo broken), an ECU restart down for at most a minute, a packet loss of more than
 * 0 and at most 100 %. The simulator checks again; this gives the page a message in its own terms.
 */
final class FaultCheck {

    static final int MIN_DURATION_MS = 1_000;
    static final int MAX_DURATION_MS = 600_000;
    static final int MAX_DOWN_MS = 60_000;

    private FaultCheck() {
    }

    /**
     * @param ecus the simulator's last ListEcus answer as JSON (protobuf's JSON mapping), or one without
     *             {@code ecus} when not known yet: then any ECU name is passed on for the simulator to judge
     * @return why the request is refused, or null when it may go to the simulator
     */
    static String problem(TriggerFaultRequest request, JsonObject ecus) {
        if (!request.hasFault() || request.getFault().getKindCase() == Fault.KindCase.KIND_NOT_SET) {
            return "fault: give one kind (ecuRestart, stopOffer, packetLoss, ...)";
        }
        Fault fault = request.getFault();
        String target = targetProblem(fault.getTarget(), ecus.getJsonArray("ecus"));
        if (target != null) {
            return target;
        }
        if (fault.getKindCase() == Fault.KindCase.ECU_RESTART) {
            int down = fault.getEcuRestart().getDownMs();
            if (down < 0 || down > MAX_DOWN_MS) {
                return "ecuRestart.downMs: " + Integer.toUnsignedString(down) + " is outside 0.." + MAX_DOWN_MS;
            }
            return null; // a restart ends when the ECU is back; it has no duration
        }
        int duration = request.getDurationMs();
        if (duration < MIN_DURATION_MS || duration > MAX_DURATION_MS) {
            return "durationMs: " + Integer.toUnsignedString(duration) + " is outside " + MIN_DURATION_MS + ".."
                    + MAX_DURATION_MS + " (1 s to 10 min)";
        }
        if (fault.getKindCase() == Fault.KindCase.PACKET_LOSS) {
            double percent = fault.getPacketLoss().getPercent();
            if (!(percent > 0 && percent <= 100)) {
                return "packetLoss.percent: " + percent + " is outside (0, 100]";
            }
        }
        return null;
    }

    private static String targetProblem(FaultTarget target, JsonArray known) {
        switch (target.getTargetCase()) {
            case ECU -> {
                if (target.getEcu().isBlank()) {
                    return "fault.target.ecu: empty";
                }
                List<String> names = known == null ? null
                        : known.stream().map(e -> ((JsonObject) e).getString("name")).toList();
                if (names != null && !names.contains(target.getEcu())) {
                    return "fault.target.ecu: no ECU named '" + target.getEcu() + "'; the simulator has " + names;
                }
                return null;
            }
            case SERVICE -> {
                int service = target.getService().getServiceId();
                int instance = target.getService().getInstanceId();
                // Service 0xFFFF is reserved (feat_req_someip_627); instance 0x0000 is reserved and 0xFFFF means all
                // instances (feat_req_someip_579), which no single fault can target.
                if (service <= 0 || service >= 0xFFFF || instance <= 0 || instance >= 0xFFFF) {
                    return String.format("fault.target.service: 0x%X / 0x%X is not a service instance", service,
                            instance);
                }
                return null;
            }
            default -> {
                return "fault.target: give an ecu or a service";
            }
        }
    }
}
