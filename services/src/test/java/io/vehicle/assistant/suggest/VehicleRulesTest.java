package io.vehicle.assistant.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.VehicleState;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VehicleRulesTest {

    private static final Map<String, Signal> CATALOG = VehicleCatalog.signals().stream()
            .collect(Collectors.toMap(Signal::path, Function.identity()));

    private static Optional<Offer> check(String rule, Map<String, Object> values) {
        return VehicleRules.all().stream().filter(r -> r.id().equals(rule)).findFirst().orElseThrow()
                .check(VehicleState.of(values));
    }

    private static Map<String, Object> cooling() {
        Map<String, Object> values = new HashMap<>();
        values.put(VehicleRules.AC, true);
        values.put(VehicleRules.CABIN, 29.0);
        values.put(VehicleRules.DRIVER_SETPOINT, 21.0);
        values.put(VehicleRules.WINDOWS.get(0), 60.0);
        values.put(VehicleRules.WINDOWS.get(1), 5.0);
        return values;
    }

    @Test
    void windowsOpenWhileTheAcCoolsSuggestClosingTheOpenOnes() {
        Offer offer = check("windows-open-while-cooling", cooling()).orElseThrow();
        assertThat(offer.actions()).extracting(ProposedAction::path).containsExactly(VehicleRules.WINDOWS.get(0));
        assertThat(offer.actions()).extracting(ProposedAction::value).containsExactly(0L);
        assertThat(offer.text().get(Language.EN)).contains("Close");
        assertThat(offer.text().get(Language.ZH)).contains("车窗");
        assertThat(offer.reason()).contains("29 °C").contains("60 %");
    }

    @Test
    void noCoolingOrNoOpenWindowOrAnUnknownValueMeansNoSuggestion() {
        Map<String, Object> acOff = cooling();
        acOff.put(VehicleRules.AC, false);
        assertThat(check("windows-open-while-cooling", acOff)).isEmpty();
        Map<String, Object> cool = cooling();
        cool.put(VehicleRules.CABIN, 21.5);
        assertThat(check("windows-open-while-cooling", cool)).isEmpty();
        Map<String, Object> closed = cooling();
        closed.put(VehicleRules.WINDOWS.get(0), 0.0);
        assertThat(check("windows-open-while-cooling", closed)).isEmpty();
        Map<String, Object> unknown = cooling();
        unknown.remove(VehicleRules.CABIN);
        assertThat(check("windows-open-while-cooling", unknown)).isEmpty();
    }

    @Test
    void aFoggedWindshieldSuggestsTheDefrosterByTheFogSensorOrElseByTemperatures() {
        Offer bySensor = check("windshield-fogging", Map.of(VehicleRules.FRONT_DEFROSTER, false,
                VehicleRules.FOG_LEVEL, 45.0)).orElseThrow();
        assertThat(bySensor.actions()).singleElement().satisfies(a -> {
            assertThat(a.path()).isEqualTo(VehicleRules.FRONT_DEFROSTER);
            assertThat(a.value()).isEqualTo(true);
        });
        assertThat(bySensor.reason()).contains("45 % fogged");
        assertThat(check("windshield-fogging", Map.of(VehicleRules.FRONT_DEFROSTER, false, VehicleRules.FOG_LEVEL,
                10.0))).isEmpty();
        assertThat(check("windshield-fogging", Map.of(VehicleRules.FRONT_DEFROSTER, true, VehicleRules.FOG_LEVEL,
                90.0))).isEmpty();
        // the sensor, when there is one, has the last word over the temperatures
        assertThat(check("windshield-fogging", Map.of(VehicleRules.FRONT_DEFROSTER, false, VehicleRules.FOG_LEVEL,
                0.0, VehicleRules.OUTSIDE, 0.0, VehicleRules.CABIN, 22.0, VehicleRules.RECIRCULATION, true))).isEmpty();
        Offer byTemperatures = check("windshield-fogging", Map.of(VehicleRules.FRONT_DEFROSTER, false,
                VehicleRules.OUTSIDE, 1.0, VehicleRules.CABIN, 21.0, VehicleRules.RECIRCULATION, true)).orElseThrow();
        assertThat(byTemperatures.reason()).contains("outside 1 °C");
        assertThat(check("windshield-fogging", Map.of(VehicleRules.FRONT_DEFROSTER, false, VehicleRules.OUTSIDE,
                15.0, VehicleRules.CABIN, 21.0, VehicleRules.RECIRCULATION, true))).isEmpty();
    }

    @Test
    void seatHeatingInAWarmCabinSuggestsSwitchingItOff() {
        Offer offer = check("seat-heating-while-warm", Map.of(VehicleRules.CABIN, 27.0,
                VehicleRules.SEAT_HEATING.get(0), 50.0, VehicleRules.SEAT_HEATING.get(1), 0.0)).orElseThrow();
        assertThat(offer.actions()).extracting(ProposedAction::path).containsExactly(VehicleRules.SEAT_HEATING.get(0));
        assertThat(check("seat-heating-while-warm", Map.of(VehicleRules.CABIN, 20.0,
                VehicleRules.SEAT_HEATING.get(0), 50.0))).isEmpty();
    }

    @Test
    void aLowBatteryNotChargingSuggestsSavingEnergy() {
        Offer offer = check("low-battery", Map.of(VehicleRules.STATE_OF_CHARGE, 9.0, VehicleRules.CHARGING, false,
                VehicleRules.AC, true)).orElseThrow();
        assertThat(offer.actions()).singleElement().satisfies(a -> assertThat(a.value()).isEqualTo(false));
        assertThat(check("low-battery", Map.of(VehicleRules.STATE_OF_CHARGE, 9.0, VehicleRules.CHARGING, true,
                VehicleRules.AC, true))).isEmpty();
        assertThat(check("low-battery", Map.of(VehicleRules.STATE_OF_CHARGE, 60.0, VehicleRules.CHARGING, false,
                VehicleRules.AC, true))).isEmpty();
        assertThat(check("low-battery", Map.of(VehicleRules.STATE_OF_CHARGE, 9.0, VehicleRules.CHARGING, false,
                VehicleRules.AC, false))).isEmpty();
    }

    @Test
    void everyRuleReadsAndProposesOnlyCatalogSignalsOfTheRightKind() {
        for (String path : VehicleRules.WINDOWS) {
            assertThat(CATALOG.get(path).writable()).isTrue();
        }
        for (String path : VehicleRules.SEAT_HEATING) {
            assertThat(CATALOG.get(path).writable()).isTrue();
        }
        for (String path : new String[] {VehicleRules.AC, VehicleRules.FRONT_DEFROSTER, VehicleRules.DRIVER_SETPOINT}) {
            assertThat(CATALOG.get(path).writable()).as(path).isTrue();
        }
        for (String path : new String[] {VehicleRules.CABIN, VehicleRules.OUTSIDE, VehicleRules.STATE_OF_CHARGE,
                VehicleRules.CHARGING, VehicleRules.RECIRCULATION}) {
            assertThat(CATALOG).as(path).containsKey(path);
        }
    }
}
