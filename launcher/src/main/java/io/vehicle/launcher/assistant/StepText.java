package io.vehicle.launcher.assistant;

import io.vehicle.idl.assistant.v1.ActionDecision;
import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vehicle.idl.assistant.v1.ProposedAction;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.launcher.signals.ValueText;
import java.util.Locale;

/** One line of text per step, for a terminal. */
final class StepText {

    private StepText() {
    }

    static String of(AssistantStep step) {
        return switch (step.getStepCase()) {
            case UNDERSTOOD -> "understood  engine " + step.getUnderstood().getEngine()
                    + (step.getUnderstood().getFallbackReason().isEmpty() ? ""
                            : " (fallback: " + step.getUnderstood().getFallbackReason() + ")")
                    + ", " + step.getUnderstood().getLanguage() + actions(step);
            case DECISION -> {
                StringBuilder line = new StringBuilder("decision");
                for (ActionDecision decision : step.getDecision().getActionsList()) {
                    line.append("\n  ").append(decision.getPath()).append(": ").append(status(decision.getStatus()
                            .name())).append(decision.getVerdict().getRuleId().isEmpty() ? ""
                                    : " (rule " + decision.getVerdict().getRuleId() + ")")
                            .append(decision.getVerdict().getReason().isEmpty() ? ""
                                    : " " + decision.getVerdict().getReason());
                }
                yield line.toString();
            }
            case QUESTION -> "question    " + step.getQuestion().getText();
            case WRITE_ISSUED -> "write       " + step.getWriteIssued().getPath() + " = "
                    + ValueText.of(step.getWriteIssued().getValue());
            case WRITE_RESULT -> {
                WriteResult result = step.getWriteResult();
                yield "result      " + result.getPath() + ": " + status(result.getStatus().name())
                        + (result.hasConfirmedValue() ? " " + ValueText.of(result.getConfirmedValue()) : "")
                        + (result.getReason().isEmpty() ? "" : " (" + result.getReason() + ")");
            }
            case REPLY -> "reply       [" + step.getReply().getOutcome().name().substring("OUTCOME_".length())
                    .toLowerCase(Locale.ROOT) + "] " + step.getReply().getText();
            case ERROR -> "error       " + step.getError().getCode() + ": " + step.getError().getMessage();
            default -> "step        " + step.getStepCase();
        };
    }

    private static String actions(AssistantStep step) {
        if (step.getUnderstood().getActionsCount() == 0) {
            return ", no action";
        }
        StringBuilder text = new StringBuilder();
        for (ProposedAction action : step.getUnderstood().getActionsList()) {
            text.append("\n  ").append(action.getPath()).append(" = ").append(ValueText.of(action.getValue()))
                    .append(action.hasCurrentValue() ? " (now " + ValueText.of(action.getCurrentValue()) + ")" : "")
                    .append("  ").append(action.getReason());
        }
        return text.toString();
    }

    private static String status(String name) {
        return name.startsWith("WRITE_STATUS_") ? name.substring("WRITE_STATUS_".length()) : name;
    }
}
