package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.CabinZone;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.intent.Language;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Units after (and before) numbers, their conversion, and zone words to cabin cells. */
class UnitsAndZonesTest {

    private static final OfflineData DATA = OfflineData.load();

    private static Clause read(String text) {
        Lexicon lexicon = DATA.lexicons.get(Language.of(text));
        return ClauseReader.read(lexicon, lexicon.clauses(text).get(0));
    }

    @ParameterizedTest
    @CsvSource({
            "72 fahrenheit, 72, fahrenheit",
            "75°F, 75, fahrenheit",
            "22 °C, 22, celsius",
            "22 degrees, 22, degree",
            "50 percent, 50, percent",
            "50%, 50, percent",
            "5 cm, 5, cm",
            "百分之五十, 50, percent",
            "华氏72度, 72, fahrenheit",
            "70华氏度, 70, fahrenheit",
            "22℃, 22, celsius",
            "二十二度, 22, degree",
            "5厘米, 5, cm"})
    void unitsBelongToTheirNumber(String text, double value, String unit) {
        Amount amount = read(text).amount;
        assertThat(amount.value()).isEqualTo(value);
        assertThat(amount.unit()).isEqualTo(unit);
    }

    @ParameterizedTest
    @CsvSource({"72, false, 22.0", "68, false, 20.0", "75, false, 24.0", "70, false, 21.0", "2, true, 1.0",
            "9, true, 5.0"})
    void fahrenheitBecomesCelsiusRoundedToHalfDegrees(double value, boolean difference, double celsius) {
        assertThat(ValuePlanner.inSignalUnit(value, "fahrenheit", difference)).isEqualTo(celsius);
    }

    @Test
    void centimetresBecomeMillimetres() {
        assertThat(ValuePlanner.inSignalUnit(5, "cm", true)).isEqualTo(50.0);
    }

    private static Set<CabinZone> cells(String text, String device) {
        Clause clause = read(text);
        Device d = DATA.devices.require(device, "test");
        return ZoneSelection.cells(clause, d, Verb.SET, Set.of(), false);
    }

    @Test
    void zoneWordsSelectCells() {
        assertThat(cells("passenger side", "temperature")).containsExactly(CabinZone.ROW1_PASSENGER);
        assertThat(cells("rear left", "temperature")).containsExactly(CabinZone.ROW2_DRIVER);
        assertThat(cells("rear", "temperature")).containsExactly(CabinZone.ROW2_DRIVER, CabinZone.ROW2_PASSENGER);
        assertThat(cells("front", "temperature")).containsExactly(CabinZone.ROW1_DRIVER, CabinZone.ROW1_PASSENGER);
        assertThat(cells("all windows", "window")).hasSize(4);
        assertThat(cells("windows", "window")).hasSize(4);
        assertThat(cells("副驾", "temperature")).containsExactly(CabinZone.ROW1_PASSENGER);
        assertThat(cells("后排", "seat_heating")).containsExactly(CabinZone.ROW2_DRIVER, CabinZone.ROW2_PASSENGER);
        assertThat(cells("左后", "window")).containsExactly(CabinZone.ROW2_DRIVER);
        assertThat(cells("所有", "window")).hasSize(4);
    }

    @Test
    void noZoneWordMeansTheDevicesDefault() {
        assertThat(cells("set it", "temperature")).containsExactly(CabinZone.ROW1_DRIVER);
        assertThat(cells("set it", "door_lock")).hasSize(4);
    }

    @Test
    void theOtherSideMirrorsTheSubject() {
        Clause clause = read("the other side");
        Device temperature = DATA.devices.require("temperature", "test");
        assertThat(ZoneSelection.cells(clause, temperature, null, Set.of(CabinZone.ROW1_DRIVER), true))
                .containsExactly(CabinZone.ROW1_PASSENGER);
        assertThat(ZoneSelection.cells(clause, temperature, null, Set.of(CabinZone.ROW2_PASSENGER), true))
                .containsExactly(CabinZone.ROW2_DRIVER);
    }

    @Test
    void aZoneTheDeviceLacksSelectsNothing() {
        // The fans are per front seat only.
        assertThat(cells("rear", "fan")).isEmpty();
    }
}
