package io.vehicle.assistant.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each kind of bad input line is refused with its own reason (the runner turns it into an error line). */
class EvalCaseTest {

    private static final Map<String, Signal> CATALOG = VehicleCatalog.signals().stream()
            .collect(Collectors.toMap(Signal::path, Function.identity()));
    private final ObjectMapper json = new ObjectMapper();

    private EvalCase parse(String line) throws Exception {
        return EvalCase.parse(json.readTree(line), CATALOG);
    }

    private String refusal(String line) {
        return catchThrowableOfType(() -> parse(line), EvalCase.BadCase.class).getMessage();
    }

    @Test
    void aFullLineIsRead() throws Exception {
        EvalCase evalCase = parse("{\"id\": \"a-1\", \"say\": \"open the trunk\", \"state\": {\"Vehicle.Speed\": 50,"
                + " \"Vehicle.Cabin.HVAC.IsAirConditioningActive\": true, \"Vehicle.Powertrain.Transmission"
                + ".SelectedGear\": \"DRIVE\"}, \"session\": \"s1\", \"confirm\": true, \"expect\": {\"outcome\": \"x\"}}");
        assertThat(evalCase.id()).isEqualTo("a-1");
        assertThat(evalCase.say()).isEqualTo("open the trunk");
        assertThat(evalCase.state()).containsEntry("Vehicle.Speed", 50.0)
                .containsEntry("Vehicle.Cabin.HVAC.IsAirConditioningActive", true)
                .containsEntry("Vehicle.Powertrain.Transmission.SelectedGear", "DRIVE");
        assertThat(evalCase.session()).isEqualTo("s1");
        assertThat(evalCase.confirm()).isTrue();
    }

    @Test
    void stateSessionAndConfirmAreOptional() throws Exception {
        EvalCase evalCase = parse("{\"id\": 7, \"say\": \"hello\"}");
        assertThat(evalCase.id()).isEqualTo("7");
        assertThat(evalCase.state()).isEmpty();
        assertThat(evalCase.session()).isNull();
        assertThat(evalCase.confirm()).isFalse();
    }

    @Test
    void badLinesAreRefusedWithTheirReason() {
        assertThat(refusal("[1, 2]")).isEqualTo("a line must be a JSON object");
        assertThat(refusal("{\"say\": \"hi\"}")).contains("\"id\"");
        assertThat(refusal("{\"id\": \"\", \"say\": \"hi\"}")).contains("\"id\"");
        assertThat(refusal("{\"id\": \"x\"}")).contains("\"say\" must be a string");
        assertThat(refusal("{\"id\": \"x\", \"say\": 3}")).contains("\"say\" must be a string");
        assertThat(refusal("{\"id\": \"x\", \"say\": \"hi\", \"state\": []}")).contains("\"state\" must be an object");
        assertThat(refusal("{\"id\": \"x\", \"say\": \"hi\", \"state\": {\"Vehicle.Warp\": 9}}"))
                .isEqualTo("state: unknown signal Vehicle.Warp");
        assertThat(refusal("{\"id\": \"x\", \"say\": \"hi\", \"state\": {\"Vehicle.Speed\": [1]}}"))
                .contains("must be a number, boolean or string");
        assertThat(refusal("{\"id\": \"x\", \"say\": \"hi\", \"session\": 5}")).contains("\"session\"");
        assertThat(refusal("{\"id\": \"x\", \"say\": \"hi\", \"confirm\": \"yes\"}")).contains("\"confirm\"");
    }

    @Test
    void aRefusedLineKeepsWhatIdItHad() {
        EvalCase.BadCase bad = catchThrowableOfType(() -> parse("{\"id\": \"keep-me\", \"say\": \"hi\", \"confirm\": 1}"),
                EvalCase.BadCase.class);
        assertThat(bad.id).isEqualTo("keep-me");
        assertThat(bad.say).isEqualTo("hi");
    }
}
