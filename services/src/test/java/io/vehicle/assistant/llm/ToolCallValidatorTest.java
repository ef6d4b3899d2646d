package io.vehicle.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vehicle.assistant.reply.ActionStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every class of hostile or broken tool call a model can send, each refused with its own reason. */
class ToolCallValidatorTest {

    private static final String TEMPERATURE = "set_cabin_hvac_station_row1_driver_temperature";
    private static final String FAN = "set_cabin_hvac_station_row1_driver_fanspeed";
    private static final String AC = "set_cabin_hvac_isairconditioningactive";
    private static final String DISTRIBUTION = "set_cabin_hvac_station_row1_driver_airdistribution";

    private final ToolCallValidator validator = new ToolCallValidator(TestPolicy.tools(), 4);

    @Test
    void aCorrectCallBecomesAProposedActionOfTheSignalsType() {
        ToolCallValidator.Verdict verdict = check(call("call_1", TEMPERATURE, "{\"value\": 22.5}"),
                call("call_2", FAN, "{\"value\": 40}"), call("call_3", AC, "{\"value\":true}"),
                call("call_4", DISTRIBUTION, "{\"value\":\"DOWN\"}"));
        assertThat(verdict.refused()).isEmpty();
        assertThat(verdict.accepted()).extracting(c -> c.action().path()).containsExactly(
                "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature", "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed",
                "Vehicle.Cabin.HVAC.IsAirConditioningActive", "Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution");
        assertThat(verdict.accepted()).extracting(c -> c.action().value()).containsExactly(22.5, 40L, true, "DOWN");
        assertThat(verdict.accepted().get(0).action().reason()).contains(TEMPERATURE);
    }

    @Test
    void aWholeNumberWrittenWithAFractionPartIsStillWhole() {
        assertThat(accepted(call("c", FAN, "{\"value\": 40.0}")).action().value()).isEqualTo(40L);
    }

    @Test
    void unknownToolsAndSignalsTheNodeMayNotWriteAreRefused() {
        assertThat(reason(call("c", "unlock_everything", "{\"value\": true}"))).isEqualTo(
                "unknown tool 'unlock_everything'");
        // a real signal, but no rule lets this writer write it: never a tool
        assertThat(reason(call("c", "set_cabin_light_isdomeon", "{\"value\": true}"))).startsWith("unknown tool");
        // read-only
        assertThat(reason(call("c", "set_speed", "{\"value\": 0}"))).startsWith("unknown tool");
        assertThat(reason(call("c", "", "{\"value\": 1}"))).isEqualTo("the call names no tool");
    }

    @Test
    void wrongTypesAreRefused() {
        assertThat(reason(call("c", AC, "{\"value\": \"true\"}"))).contains("takes true or false, not a string");
        assertThat(reason(call("c", AC, "{\"value\": 1}"))).contains("takes true or false, not a number");
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": \"22\"}"))).contains("takes a number, not a string");
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": null}"))).contains("takes a number, not null");
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": [22]}"))).contains("not an array");
        assertThat(reason(call("c", FAN, "{\"value\": 40.5}"))).contains("takes a whole number");
        assertThat(reason(call("c", DISTRIBUTION, "{\"value\": 2}"))).contains("takes a text value");
    }

    @Test
    void valuesOutsideTheRangeOrTheAllowedSetAreRefusedAndToldToTheDriver() {
        ToolCallValidator.RefusedCall hot = refused(call("c", TEMPERATURE, "{\"value\": 35}"));
        assertThat(hot.reason()).contains("35 is outside 16..28 celsius");
        assertThat(hot.result().status()).isEqualTo(ActionStatus.INVALID);
        assertThat(hot.result().range().max()).isEqualTo(28);
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": -1e308}"))).contains("outside");
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": 1e400}"))).contains("out of any range");
        // the policy caps the volume at 80 although the catalog allows 100
        assertThat(reason(call("c", "set_cabin_infotainment_media_volume", "{\"value\": 95}")))
                .contains("outside 0..80");
        ToolCallValidator.RefusedCall sideways = refused(call("c", DISTRIBUTION, "{\"value\": \"SIDEWAYS\"}"));
        assertThat(sideways.reason()).contains("takes one of [UP, MIDDLE, DOWN]");
        assertThat(reason(call("c", DISTRIBUTION, "{\"value\": \"down\"}"))).contains("takes one of");
    }

    @Test
    void argumentsMustBeAStringHoldingOneJsonObject() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        assertThat(reason(new ModelToolCall("c", "function", TEMPERATURE,
                nodes.objectNode().put("value", 22), false))).isEqualTo(
                        "arguments must be a string holding JSON, not an object");
        assertThat(reason(new ModelToolCall("c", "function", TEMPERATURE, nodes.numberNode(22), false)))
                .contains("not a number");
        assertThat(reason(new ModelToolCall("c", "function", TEMPERATURE, nodes.missingNode(), false)))
                .isEqualTo("the call has no arguments");
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": 22"))).startsWith("arguments are not valid JSON");
        assertThat(reason(call("c", TEMPERATURE, "{'value': 22}"))).startsWith("arguments are not valid JSON");
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": 22} {\"value\": 23}")))
                .startsWith("arguments are not valid JSON");
        assertThat(reason(call("c", TEMPERATURE, "22"))).isEqualTo("arguments must be a JSON object, not a number");
        assertThat(reason(call("c", TEMPERATURE, ""))).startsWith("arguments must be a JSON object");
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": 22, \"value\": 35}")))
                .startsWith("arguments are not valid JSON").contains("Duplicate field");
    }

    @Test
    void extraPropertiesAreRefused() {
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": 22, \"zone\": \"all\"}")))
                .isEqualTo("unexpected property 'zone' (only 'value' is allowed)");
        assertThat(reason(call("c", TEMPERATURE, "{\"temperature\": 22}"))).contains("unexpected property");
        assertThat(reason(call("c", TEMPERATURE, "{}"))).isEqualTo("arguments have no 'value'");
    }

    @Test
    void tooManyCallsInOneAnswerRefuseTheWholeAnswer() {
        List<ModelToolCall> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(call("c" + i, TEMPERATURE, "{\"value\": 22}"));
        }
        ToolCallValidator.Verdict verdict = validator.check(new ModelAnswer("", calls, "tool_calls", 0, false));
        assertThat(verdict.answerRefusal()).isEqualTo("5 tool calls in one answer; at most 4 are accepted");
        assertThat(verdict.accepted()).isEmpty();
        assertThat(verdict.refused()).hasSize(5);
        // calls the assembler did not even keep count too
        ToolCallValidator.Verdict dropped = validator.check(new ModelAnswer("",
                List.of(call("c", TEMPERATURE, "{\"value\": 22}")), "tool_calls", 100, true));
        assertThat(dropped.answerRefusal()).startsWith("101 tool calls");
        assertThat(dropped.accepted()).isEmpty();
    }

    @Test
    void repeatedCallsAreRefused() {
        ToolCallValidator.Verdict sameTool = check(call("a", TEMPERATURE, "{\"value\": 22}"),
                call("b", TEMPERATURE, "{\"value\": 28}"));
        assertThat(sameTool.accepted()).hasSize(1);
        assertThat(sameTool.refused()).singleElement().satisfies(r -> assertThat(r.reason())
                .isEqualTo("repeated call to " + TEMPERATURE + " in one answer"));
        ToolCallValidator.Verdict sameId = check(call("a", TEMPERATURE, "{\"value\": 22}"),
                call("a", FAN, "{\"value\": 20}"));
        assertThat(sameId.refused()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(
                "repeated call id a"));
    }

    @Test
    void absurdlyLongOrMalformedNamesIdsAndArgumentsAreRefused() {
        String longName = "set_" + "x".repeat(200);
        assertThat(reason(call("c", longName, "{\"value\": 1}"))).isEqualTo("tool name longer than 64 characters");
        assertThat(reason(new ModelToolCall("c", "function", TEMPERATURE,
                JsonNodeFactory.instance.textNode("{\"value\": 22}"), true))).contains("longer than 4096");
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": 22" + " ".repeat(600) + "}")))
                .isEqualTo("arguments longer than 512 characters");
        assertThat(reason(call("c".repeat(101), TEMPERATURE, "{\"value\": 22}"))).startsWith("malformed call id");
        assertThat(reason(call("id with spaces", TEMPERATURE, "{\"value\": 22}"))).startsWith("malformed call id");
        assertThat(reason(call("", TEMPERATURE, "{\"value\": 22}"))).isEqualTo("the call has no id");
        assertThat(reason(new ModelToolCall("c", "shell", TEMPERATURE,
                JsonNodeFactory.instance.textNode("{\"value\": 22}"), false))).isEqualTo("unknown call type 'shell'");
        String text = "\"" + "A".repeat(65) + "\"";
        assertThat(reason(call("c", "set_cabin_infotainment_media_played_source", "{\"value\": " + text + "}")))
                .contains("longer than 64 characters");
        assertThat(reason(call("c", TEMPERATURE, "{\"value\": " + "[".repeat(50) + "]".repeat(50) + "}")))
                .startsWith("arguments are not valid JSON");
    }

    @Test
    void aRefusedNameIsLoggedCutAndWithoutControlCharacters() {
        ToolCallValidator.RefusedCall refused = refused(call("c", "evil\u0007\u202Ename" + "y".repeat(100),
                "{\"value\": 1}"));
        assertThat(refused.toolName()).hasSizeLessThanOrEqualTo(65).doesNotContain("\u0007", "\u202E");
    }

    @Test
    void anAnswerCutOffByTheLengthLimitIsRefused() {
        ToolCallValidator.Verdict verdict = validator.check(new ModelAnswer("",
                List.of(call("c", TEMPERATURE, "{\"value\": 22}")), "length", 0, true));
        assertThat(verdict.answerRefusal()).contains("cut off");
        assertThat(verdict.accepted()).isEmpty();
    }

    @Test
    void goodCallsNextToRefusedOnesStillPass() {
        ToolCallValidator.Verdict verdict = check(call("a", "drop_tables", "{}"), call("b", FAN, "{\"value\": 30}"));
        assertThat(verdict.accepted()).singleElement().satisfies(c -> assertThat(c.callId()).isEqualTo("b"));
        assertThat(verdict.refused()).singleElement().satisfies(r -> assertThat(r.callId()).isEqualTo("a"));
    }

    private ToolCallValidator.Verdict check(ModelToolCall... calls) {
        return validator.check(new ModelAnswer("", List.of(calls), "tool_calls", 0, false));
    }

    private ToolCallValidator.AcceptedCall accepted(ModelToolCall call) {
        ToolCallValidator.Verdict verdict = check(call);
        assertThat(verdict.refused()).isEmpty();
        return verdict.accepted().get(0);
    }

    private ToolCallValidator.RefusedCall refused(ModelToolCall call) {
        ToolCallValidator.Verdict verdict = check(call);
        assertThat(verdict.accepted()).isEmpty();
        return verdict.refused().get(0);
    }

    private String reason(ModelToolCall call) {
        return refused(call).reason();
    }

    private static ModelToolCall call(String id, String name, String arguments) {
        JsonNode text = JsonNodeFactory.instance.textNode(arguments);
        return new ModelToolCall(id, "function", name, text, false);
    }
}
