package io.vehicle.assistant.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.reply.ActionResult;
import io.vehicle.assistant.reply.ActionStatus;
import io.vehicle.assistant.reply.Denial;
import io.vehicle.assistant.reply.EcuRefusal;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.gateway.v1.EcuError;
import io.vehicle.idl.gateway.v1.PolicyCheck;
import io.vehicle.idl.gateway.v1.PolicyDecision;
import io.vehicle.idl.gateway.v1.PolicyRule;
import io.vehicle.idl.gateway.v1.PolicyVerdict;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.signal.Range;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The gateway's answers in the terms the driver hears. */
class ResultTranslatorTest {

    private static final Map<String, Signal> CATALOG = VehicleCatalog.signals().stream()
            .collect(Collectors.toMap(Signal::path, Function.identity()));
    private static final PolicyRule VOLUME = PolicyRule.newBuilder().setId("volume")
            .setRange(Range.newBuilder().setMin(0).setMax(80)).build();
    private final ResultTranslator translator = new ResultTranslator(CATALOG,
            id -> id.equals("volume") ? Optional.of(VOLUME) : Optional.empty());

    private static final ProposedAction TRUNK = new ProposedAction("Vehicle.Body.Trunk.Rear.IsOpen", true, "r");
    private static final ProposedAction HOT = new ProposedAction("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
            40.0, "r");
    private static final ProposedAction LOUD = new ProposedAction("Vehicle.Cabin.Infotainment.Media.Volume", 95L,
            "r");

    private static WriteResult denied(PolicyCheck check, String rule, String reason) {
        return WriteResult.newBuilder().setStatus(WriteStatus.WRITE_STATUS_DENIED_BY_POLICY).setReason(reason)
                .setVerdict(PolicyVerdict.newBuilder().setRuleId(rule).setDecision(PolicyDecision.POLICY_DECISION_DENY)
                        .setCheck(check).setReason(reason)).build();
    }

    @Test
    void aPreconditionOnSpeedIsToldAsWhileDriving() {
        ActionResult result = translator.translate(TRUNK, denied(PolicyCheck.POLICY_CHECK_PRECONDITION, "trunk",
                "Vehicle.Speed is 50 km/h; the rule needs Vehicle.Speed < 1"));
        assertThat(result.status()).isEqualTo(ActionStatus.DENIED_BY_POLICY);
        assertThat(result.denial()).isEqualTo(Denial.WHILE_DRIVING);
    }

    @Test
    void stepRateAndMissingDataHaveTheirOwnWords() {
        assertThat(translator.translate(HOT, denied(PolicyCheck.POLICY_CHECK_STEP, "x", "step")).denial())
                .isEqualTo(Denial.STEP_TOO_LARGE);
        assertThat(translator.translate(HOT, denied(PolicyCheck.POLICY_CHECK_RATE_LIMIT, "x", "rate")).denial())
                .isEqualTo(Denial.RATE_LIMITED);
        assertThat(translator.translate(TRUNK, denied(PolicyCheck.POLICY_CHECK_FRESHNESS, "x", "stale")).denial())
                .isEqualTo(Denial.NOT_PERMITTED);
        assertThat(translator.translate(TRUNK, denied(PolicyCheck.POLICY_CHECK_NO_RULE, "", "no rule")).denial())
                .isEqualTo(Denial.NOT_PERMITTED);
    }

    @Test
    void aRangeRefusalNamesTheRangeOfTheRuleOrOfTheCatalog() {
        ActionResult byRule = translator.translate(LOUD, denied(PolicyCheck.POLICY_CHECK_RANGE, "volume", "range"));
        assertThat(byRule.status()).isEqualTo(ActionStatus.INVALID);
        assertThat(byRule.range()).isEqualTo(new ActionResult.Range(0, 80));
        ActionResult byCatalog = translator.translate(HOT, WriteResult.newBuilder()
                .setStatus(WriteStatus.WRITE_STATUS_INVALID).setReason("outside 16..28").build());
        assertThat(byCatalog.range()).isEqualTo(new ActionResult.Range(16, 28));
    }

    @Test
    void everyOtherStatusKeepsItsMeaning() {
        for (WriteStatus status : List.of(WriteStatus.WRITE_STATUS_CONFIRMED, WriteStatus.WRITE_STATUS_REJECTED_BY_ECU,
                WriteStatus.WRITE_STATUS_UNAVAILABLE, WriteStatus.WRITE_STATUS_TIMEOUT,
                WriteStatus.WRITE_STATUS_NEEDS_CONFIRMATION, WriteStatus.WRITE_STATUS_NOT_ATTEMPTED)) {
            ActionResult result = translator.translate(TRUNK, WriteResult.newBuilder().setStatus(status).build());
            assertThat(result.status().name()).isEqualTo(status.name().substring("WRITE_STATUS_".length()));
        }
    }

    @Test
    void anEcusErrorIsKeptForTheReply() {
        ActionResult result = translator.translate(TRUNK, WriteResult.newBuilder()
                .setStatus(WriteStatus.WRITE_STATUS_REJECTED_BY_ECU).setReason("the ECU refused")
                .setEcuError(EcuError.newBuilder().setReturnCode(0x31).setReturnCodeName("TRUNK_LOCKED")
                        .setApplicationError(0x31).setMessage("The trunk does not open while it is locked"))
                .build());
        assertThat(result.status()).isEqualTo(ActionStatus.REJECTED_BY_ECU);
        assertThat(result.ecuError()).isEqualTo(new EcuRefusal("TRUNK_LOCKED",
                "The trunk does not open while it is locked"));
        assertThat(result.reason()).isEqualTo("the ECU refused");
        ActionResult otherValue = translator.translate(TRUNK, WriteResult.newBuilder()
                .setStatus(WriteStatus.WRITE_STATUS_REJECTED_BY_ECU).setReason("reported false").build());
        assertThat(otherValue.ecuError()).isNull();
    }

    @Test
    void theOutcomeFollowsWhatTheEcusConfirmed() {
        ActionResult done = ActionResult.confirmed(TRUNK.path(), true);
        ActionResult refused = ActionResult.denied(HOT.path(), 40.0, Denial.STEP_TOO_LARGE, "");
        assertThat(Turn.outcomeOf(List.of(done))).hasToString("OUTCOME_DONE");
        assertThat(Turn.outcomeOf(List.of(done, refused))).hasToString("OUTCOME_PARTIAL");
        assertThat(Turn.outcomeOf(List.of(refused))).hasToString("OUTCOME_REFUSED");
    }
}
