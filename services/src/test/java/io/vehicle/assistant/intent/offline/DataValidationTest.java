package io.vehicle.assistant.intent.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Data files that disagree with the catalog fail loading with the entry named, never at run time. */
class DataValidationTest {

    private static final List<Signal> CATALOG = VehicleCatalog.signals();
    private static final Map<String, Map<Intensity, Double>> STEPS = Map.of("percent",
            Map.of(Intensity.SMALL, 10.0, Intensity.NORMAL, 20.0, Intensity.LARGE, 40.0),
            "celsius", Map.of(Intensity.SMALL, 1.0, Intensity.NORMAL, 1.0, Intensity.LARGE, 3.0));
    private static final Map<Device.Kind, Map<Verb, String>> DEFAULTS = Map.of(
            Device.Kind.NUMBER, Map.of(Verb.RAISE, "up", Verb.LOWER, "down"),
            Device.Kind.BOOLEAN, Map.of(Verb.ON, "true", Verb.OFF, "false"));

    private static DeviceTable table(DeviceFile.DeviceEntry... entries) {
        return new DeviceTable(new DeviceFile(STEPS, DEFAULTS, null, null, List.of(entries)), CATALOG);
    }

    private static DeviceFile.DeviceEntry entry(String id, String path, Map<Verb, String> verbs) {
        return new DeviceFile.DeviceEntry(id, List.of(path), List.of(), "driver", Map.of(), verbs, List.of(), null);
    }

    @Test
    void theShippedDataLoads() {
        OfflineData data = OfflineData.load();
        assertThat(data.devices.all()).hasSizeGreaterThan(30);
        for (Device device : data.devices.all()) {
            device.signals.forEach(signal -> assertThat(signal.writable()).as(signal.path()).isTrue());
        }
    }

    @Test
    void aPathOutsideTheCatalogIsRefused() {
        assertThatThrownBy(() -> table(entry("warp", "Vehicle.Warp.Drive", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warp")
                .hasMessageContaining("no catalog signal matches Vehicle.Warp.Drive");
    }

    @Test
    void aReadOnlySignalIsRefused() {
        assertThatThrownBy(() -> table(entry("speed", "Vehicle.Speed", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Vehicle.Speed is read-only");
    }

    @Test
    void aValueOutsideTheAllowedListIsRefused() {
        assertThatThrownBy(() -> table(entry("wiper", "Vehicle.Body.Windshield.Front.Wiping.Mode",
                Map.of(Verb.ON, "value:TURBO"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'TURBO' is not among");
    }

    @Test
    void aFixedNumberOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> table(entry("fan", "Vehicle.Cabin.HVAC.Station.*.*.FanSpeed",
                Map.of(Verb.ON, "value:150"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("150 is outside");
    }

    @Test
    void anUnknownOperationIsRefused() {
        assertThatThrownBy(() -> table(entry("fan", "Vehicle.Cabin.HVAC.Station.*.*.FanSpeed",
                Map.of(Verb.ON, "spin"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown operation 'spin'");
    }

    @Test
    void anOffSwitchThatIsNoSwitchOrUnknownIsRefused() {
        DeviceFile.DeviceEntry volume = new DeviceFile.DeviceEntry("volume",
                List.of("Vehicle.Cabin.Infotainment.Media.Volume"), List.of(), "all", Map.of(), Map.of(), List.of(),
                "fan");
        assertThatThrownBy(() -> table(volume, entry("fan", "Vehicle.Cabin.HVAC.Station.*.*.FanSpeed", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume: offSwitch fan is not a switch");
        assertThatThrownBy(() -> table(volume))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown device 'fan'");
    }

    @Test
    void aPathClaimedByTwoDevicesIsRefused() {
        assertThatThrownBy(() -> table(entry("ac", "Vehicle.Cabin.HVAC.IsAirConditioningActive", Map.of()),
                entry("cooling", "Vehicle.Cabin.HVAC.IsAirConditioningActive", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to both ac and cooling");
    }

    @Test
    void anUnquotedOnOffInALexiconIsRefused() {
        LexiconFile shipped = OfflineData.read("lexicon-en.yaml", LexiconFile.class);
        LexiconFile broken = new LexiconFile(shipped.language(), shipped.separators(), shipped.nouns(),
                Map.of(Verb.ON, List.of("true")), shipped.cues(), shipped.states(), shipped.situations(),
                shipped.values(), shipped.zones(), shipped.intensity(), shipped.units(), shipped.numbers(),
                shipped.absoluteMarkers(), shipped.relativeMarkers(), shipped.requestBefore(), shipped.requestAfter(),
                shipped.questions(), shipped.questionStarts(), shipped.questionEnds(), shipped.polite(),
                shipped.negations(), shipped.negatedRequests(), shipped.prohibitions(),
                shipped.ongoingMarkers(), shipped.exceptions(), shipped.exceptionEnds(), shipped.stateNegations(),
                shipped.excessMarkers(), shipped.sufficiency(), shipped.zonePrepositions(),
                shipped.unsupported(), shipped.fillers(), shipped.names(), shipped.prompts(), shipped.embedding());
        assertThatThrownBy(() -> new Lexicon(broken, Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unquoted on/off/yes/no");
    }
}
