package io.vehicle.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vehicle.assistant.intent.VehicleState;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.gateway.v1.GetPolicyResponse;
import io.vehicle.idl.gateway.v1.PolicyRule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {

    private final ToolCatalog tools = TestPolicy.tools();

    @Test
    void onlySignalsAPolicyRuleLetsThisWriterWriteBecomeTools() {
        assertThat(tools.byPath("Vehicle.Cabin.HVAC.Station.Row2.Passenger.Temperature")).isPresent();
        assertThat(tools.byPath("Vehicle.Cabin.Door.Row1.DriverSide.IsLocked")).isPresent();
        // a rule for another writer only, no rule at all, read-only, an array
        assertThat(tools.byPath("Vehicle.Cabin.Light.IsDomeOn")).isEmpty();
        assertThat(tools.byPath("Vehicle.Body.Mirrors.DriverSide.IsFolded")).isEmpty();
        assertThat(tools.byPath("Vehicle.Speed")).isEmpty();
        assertThat(tools.byPath("Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color")).isEmpty();
        assertThat(tools.tools()).allSatisfy(tool -> assertThat(tool.signal().writable()).isTrue());
    }

    @Test
    void schemaCarriesTypeUnitRangeAndAllowedValuesAndNothingElseIsAccepted() {
        JsonNode temperature = definition("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature");
        assertThat(temperature.path("type").asText()).isEqualTo("function");
        JsonNode parameters = temperature.path("function").path("parameters");
        assertThat(parameters.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(parameters.path("required").toString()).isEqualTo("[\"value\"]");
        JsonNode value = parameters.path("properties").path("value");
        assertThat(value.path("type").asText()).isEqualTo("number");
        assertThat(value.path("minimum").asDouble()).isEqualTo(16);
        assertThat(value.path("maximum").asDouble()).isEqualTo(28);
        assertThat(value.path("description").asText()).contains("celsius");

        JsonNode fan = definition("Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed")
                .path("function").path("parameters").path("properties").path("value");
        assertThat(fan.path("type").asText()).isEqualTo("integer");

        JsonNode distribution = definition("Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution")
                .path("function").path("parameters").path("properties").path("value");
        assertThat(distribution.path("type").asText()).isEqualTo("string");
        assertThat(distribution.path("enum").toString()).isEqualTo("[\"UP\",\"MIDDLE\",\"DOWN\"]");

        JsonNode ac = definition("Vehicle.Cabin.HVAC.IsAirConditioningActive")
                .path("function").path("parameters").path("properties").path("value");
        assertThat(ac.path("type").asText()).isEqualTo("boolean");
    }

    @Test
    void aRangeThePolicyNarrowsIsTheOneTheModelIsTold() {
        ToolCatalog.Tool volume = tools.byPath("Vehicle.Cabin.Infotainment.Media.Volume").orElseThrow();
        assertThat(volume.spec().max()).isEqualTo(80.0);
        assertThat(volume.definition().path("function").path("parameters").path("properties").path("value")
                .path("maximum").asDouble()).isEqualTo(80);
    }

    @Test
    void signalsThePolicyGuardsWithPreconditionsOrConfirmationAreMarked() {
        assertThat(tools.byPath("Vehicle.Cabin.Door.Row1.DriverSide.IsLocked").orElseThrow().guarded()).isTrue();
        assertThat(tools.byPath("Vehicle.Cabin.Door.Row1.DriverSide.Window.Position").orElseThrow().guarded())
                .isTrue();
        assertThat(tools.byPath("Vehicle.Body.Trunk.Rear.IsOpen").orElseThrow().guarded()).isTrue();
        assertThat(tools.byPath("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature").orElseThrow().guarded())
                .isFalse();
    }

    @Test
    void everyWritableScalarSignalOfTheCatalogGetsAValidUniqueName() {
        GetPolicyResponse everything = GetPolicyResponse.newBuilder().addRules(PolicyRule.newBuilder().setId("all")
                .addSignals("Vehicle.**").addWriters("*")).build();
        ToolCatalog all = ToolCatalog.build(VehicleCatalog.signals(), everything, "assistant");
        long writableScalars = VehicleCatalog.signals().stream()
                .filter(s -> s.writable() && !s.type().startsWith("repeated")).count();
        assertThat(all.tools()).hasSize((int) writableScalars);
        Set<String> names = new HashSet<>();
        for (ToolCatalog.Tool tool : all.tools()) {
            assertThat(tool.name()).matches("[a-z0-9_]{1,64}");
            assertThat(names.add(tool.name())).isTrue();
            assertThat(all.byName(tool.name()).map(ToolCatalog.Tool::signal).map(Signal::path))
                    .contains(tool.signal().path());
        }
    }

    @Test
    void aPolicyWithoutRulesGivesNoTools() {
        ToolCatalog none = ToolCatalog.build(VehicleCatalog.signals(), GetPolicyResponse.getDefaultInstance(),
                "assistant");
        assertThat(none.tools()).isEmpty();
        assertThat(none.definitions()).isEmpty();
    }

    @Test
    void theToolsTextWrittenOnceIsTheDefinitionsAndANewPolicyGivesNewText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(tools.definitionsJson().rawValue().toString())).isEqualTo(tools.definitions());

        // The policy narrows the volume and drops the temperature rule: the tools the model is told of follow.
        ToolCatalog narrower = ToolCatalog.build(VehicleCatalog.signals(), TestPolicy.changed(), "assistant");
        JsonNode sent = json.readTree(narrower.definitionsJson().rawValue().toString());
        assertThat(sent).isEqualTo(narrower.definitions()).isNotEqualTo(tools.definitions());
        assertThat(sent.toString()).doesNotContain("set_cabin_hvac_station_row1_driver_temperature")
                .contains("\"maximum\":50.0");
        // The catalog it replaced keeps its own text (a catalog never changes).
        assertThat(tools.definitionsJson().rawValue().toString())
                .contains("set_cabin_hvac_station_row1_driver_temperature").contains("\"maximum\":80.0");
    }

    @Test
    void aRequestCarriesTheToolsOfTheCatalogItWasBuiltWith() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ToolCatalog none = ToolCatalog.build(VehicleCatalog.signals(), GetPolicyResponse.getDefaultInstance(),
                "assistant");
        for (ToolCatalog catalog : List.of(tools, none, tools)) {
            String body = json.writeValueAsString(ModelPrompt.request("m", "hi", VehicleState.of(Map.of()),
                    List.of(), catalog));
            assertThat(json.readTree(body).path("tools")).isEqualTo(catalog.definitions());
        }
    }

    private JsonNode definition(String path) {
        return tools.byPath(path).orElseThrow().definition();
    }
}
