package io.vehicle.assistant.pipeline;

import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.reply.ActionResult;
import io.vehicle.assistant.reply.ActionStatus;
import io.vehicle.assistant.reply.Denial;
import io.vehicle.assistant.reply.EcuRefusal;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.gateway.v1.PolicyCheck;
import io.vehicle.idl.gateway.v1.PolicyRule;
import io.vehicle.idl.gateway.v1.PolicyVerdict;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.idl.signal.Range;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the gateway's answer for one write means for the driver: the status and, for a refusal, the reason in the
 * terms the reply uses (while driving, too large a step, too often, not permitted, a range, the ECU's error).
 */
final class ResultTranslator {

    private final Map<String, Signal> catalog;
    private final Function<String, Optional<PolicyRule>> rules;
    private final Map<String, Optional<Range>> ranges = new ConcurrentHashMap<>();

    /**
     * @param rules the policy's rule by id (from the bridge's GetPolicy), to name the range a rule permits
     */
    ResultTranslator(Map<String, Signal> catalog, Function<String, Optional<PolicyRule>> rules) {
        this.catalog = catalog;
        this.rules = rules;
    }

    ActionResult translate(ProposedAction action, WriteResult result) {
        String reason = result.getReason();
        return switch (result.getStatus()) {
            case WRITE_STATUS_CONFIRMED -> ActionResult.confirmed(action.path(), action.value());
            case WRITE_STATUS_REJECTED_BY_ECU -> ActionResult.rejectedByEcu(action.path(), action.value(),
                    result.hasEcuError() ? new EcuRefusal(result.getEcuError().getReturnCodeName(),
                            result.getEcuError().getMessage()) : null, reason);
            case WRITE_STATUS_UNAVAILABLE -> ActionResult.of(action.path(), action.value(), ActionStatus.UNAVAILABLE,
                    reason);
            case WRITE_STATUS_TIMEOUT -> ActionResult.of(action.path(), action.value(), ActionStatus.TIMEOUT, reason);
            case WRITE_STATUS_NEEDS_CONFIRMATION -> ActionResult.of(action.path(), action.value(),
                    ActionStatus.NEEDS_CONFIRMATION, reason);
            case WRITE_STATUS_NOT_ATTEMPTED -> ActionResult.of(action.path(), action.value(),
                    ActionStatus.NOT_ATTEMPTED, reason);
            case WRITE_STATUS_INVALID -> invalid(action, reason);
            case WRITE_STATUS_DENIED_BY_POLICY -> denied(action, result.getVerdict(), reason);
            case WRITE_STATUS_ALLOWED -> throw new IllegalArgumentException("ALLOWED is a dry run's answer, not a"
                    + " result: " + action.path());
            default -> ActionResult.of(action.path(), action.value(), ActionStatus.INVALID,
                    "unexpected status " + result.getStatus() + ": " + reason);
        };
    }

    /** A refusal by the node itself before the gateway (a model's call that failed validation). */
    ActionResult refusedByNode(ProposedAction action, String reason) {
        return invalid(action, reason);
    }

    private ActionResult invalid(ProposedAction action, String reason) {
        Signal signal = catalog.get(action.path());
        if (signal != null && signal.hasRange() && action.value() instanceof Number number
                && (number.doubleValue() < signal.min() || number.doubleValue() > signal.max())) {
            return new ActionResult(action.path(), action.value(), ActionStatus.INVALID, null,
                    new ActionResult.Range(signal.min(), signal.max()), reason);
        }
        return ActionResult.of(action.path(), action.value(), ActionStatus.INVALID, reason);
    }

    private ActionResult denied(ProposedAction action, PolicyVerdict verdict, String reason) {
        PolicyCheck check = verdict.getCheck();
        if (check == PolicyCheck.POLICY_CHECK_RANGE) {
            Optional<Range> range = ranges.computeIfAbsent(verdict.getRuleId(),
                    id -> rules.apply(id).filter(PolicyRule::hasRange).map(PolicyRule::getRange));
            if (range.isPresent() && action.value() instanceof Number) {
                // The driver hears the range the rule permits, which may be narrower than the catalog's.
                return new ActionResult(action.path(), action.value(), ActionStatus.INVALID, null,
                        new ActionResult.Range(range.get().getMin(), range.get().getMax()), reason);
            }
        }
        if (check == PolicyCheck.POLICY_CHECK_CONFIRMATION) {
            return ActionResult.of(action.path(), action.value(), ActionStatus.NEEDS_CONFIRMATION, reason);
        }
        Denial denial = switch (check) {
            case POLICY_CHECK_PRECONDITION -> drivingState(reason + " " + verdict.getReason()) ? Denial.WHILE_DRIVING
                    : Denial.NOT_PERMITTED;
            case POLICY_CHECK_STEP -> Denial.STEP_TOO_LARGE;
            case POLICY_CHECK_RATE_LIMIT -> Denial.RATE_LIMITED;
            default -> Denial.NOT_PERMITTED;
        };
        return ActionResult.denied(action.path(), action.value(), denial, reason.isEmpty() ? verdict.getReason()
                : reason);
    }

    /** A precondition on the speed or the gear: the driver hears "while driving". */
    private static boolean drivingState(String reason) {
        return reason.contains("Vehicle.Speed") || reason.contains("SelectedGear");
    }
}
