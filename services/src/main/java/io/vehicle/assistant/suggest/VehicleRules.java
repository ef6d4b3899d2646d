package io.vehicle.assistant.suggest;

import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.VehicleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The node's suggestion rules. Each reads only the values it needs and stays silent when one is unknown, so a
 * missing sensor never produces a suggestion.
 */
public final class VehicleRules {

    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";
    static final String OUTSIDE = "Vehicle.Exterior.AirTemperature";
    static final String AC = "Vehicle.Cabin.HVAC.IsAirConditioningActive";
    static final String DRIVER_SETPOINT = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String FRONT_DEFROSTER = "Vehicle.Cabin.HVAC.IsFrontDefrosterActive";
    static final String RECIRCULATION = "Vehicle.Cabin.HVAC.IsRecirculationActive";
    static final String FOG_LEVEL = "Vehicle.Body.Windshield.Front.FogLevel";
    static final String STATE_OF_CHARGE = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed";
    static final String CHARGING = "Vehicle.Powertrain.TractionBattery.Charging.IsCharging";
    static final List<String> WINDOWS = List.of("Vehicle.Cabin.Door.Row1.DriverSide.Window.Position",
            "Vehicle.Cabin.Door.Row1.PassengerSide.Window.Position", "Vehicle.Cabin.Door.Row2.DriverSide.Window.Position",
            "Vehicle.Cabin.Door.Row2.PassengerSide.Window.Position");
    static final List<String> SEAT_HEATING = List.of("Vehicle.Cabin.Seat.Row1.DriverSide.Heating",
            "Vehicle.Cabin.Seat.Row1.PassengerSide.Heating", "Vehicle.Cabin.Seat.Row2.DriverSide.Heating",
            "Vehicle.Cabin.Seat.Row2.PassengerSide.Heating");

    /** A window counts as open above this opening (percent): a slit for air is not worth a remark. */
    static final double WINDOW_OPEN = 10;
    /** Cooling means the cabin is this much warmer than the driver's setpoint (celsius). */
    static final double COOLING_MARGIN = 1;
    /** Fogged share of the windshield that asks for the defroster (percent). */
    static final double FOGGED = 30;
    /** Without a fog sensor: a windshield fogs when it is this cold outside and this much warmer inside. */
    static final double COLD_OUTSIDE = 5;
    static final double INSIDE_WARMER = 12;
    /** Seat heating makes little sense at or above this cabin temperature (celsius). */
    static final double WARM_CABIN = 26;
    /** Low battery at or below this charge (percent). */
    static final double LOW_CHARGE = 15;

    private VehicleRules() {
    }

    public static List<SuggestionRule> all() {
        return List.of(rule("windows-open-while-cooling", VehicleRules::windowsOpenWhileCooling),
                rule("windshield-fogging", VehicleRules::windshieldFogging),
                rule("seat-heating-while-warm", VehicleRules::seatHeatingWhileWarm),
                rule("low-battery", VehicleRules::lowBattery));
    }

    private static SuggestionRule rule(String id, java.util.function.BiFunction<String, VehicleState,
            Optional<Offer>> check) {
        return new SuggestionRule() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Optional<Offer> check(VehicleState state) {
                return check.apply(id, state);
            }
        };
    }

    static Optional<Offer> windowsOpenWhileCooling(String id, VehicleState state) {
        OptionalDouble cabin = state.number(CABIN);
        OptionalDouble setpoint = state.number(DRIVER_SETPOINT);
        if (!isTrue(state, AC) || cabin.isEmpty() || setpoint.isEmpty()
                || cabin.getAsDouble() < setpoint.getAsDouble() + COOLING_MARGIN) {
            return Optional.empty();
        }
        List<ProposedAction> close = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (String window : WINDOWS) {
            OptionalDouble position = state.number(window);
            if (position.isPresent() && position.getAsDouble() > WINDOW_OPEN) {
                close.add(new ProposedAction(window, 0L, "suggestion " + id + ": close while the A/C cools"));
                open.add(format(position.getAsDouble()) + " %");
            }
        }
        if (close.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Offer(id, close, Map.of(
                Language.EN, "The A/C is cooling with windows open. Close them?",
                Language.ZH, "空调制冷时车窗开着，要关上车窗吗？"),
                "A/C on, cabin " + format(cabin.getAsDouble()) + " °C, setpoint " + format(setpoint.getAsDouble())
                        + " °C, windows open " + open));
    }

    static Optional<Offer> windshieldFogging(String id, VehicleState state) {
        if (state.value(FRONT_DEFROSTER).isEmpty() || isTrue(state, FRONT_DEFROSTER)) {
            return Optional.empty();
        }
        OptionalDouble fog = state.number(FOG_LEVEL);
        String reason;
        if (fog.isPresent()) {
            if (fog.getAsDouble() < FOGGED) {
                return Optional.empty();
            }
            reason = "windshield " + format(fog.getAsDouble()) + " % fogged";
        } else {
            // No fog sensor: a cold windshield with warm, recirculated air inside is where fog forms.
            OptionalDouble outside = state.number(OUTSIDE);
            OptionalDouble cabin = state.number(CABIN);
            if (outside.isEmpty() || cabin.isEmpty() || !isTrue(state, RECIRCULATION)
                    || outside.getAsDouble() > COLD_OUTSIDE
                    || cabin.getAsDouble() - outside.getAsDouble() < INSIDE_WARMER) {
                return Optional.empty();
            }
            reason = "outside " + format(outside.getAsDouble()) + " °C, cabin " + format(cabin.getAsDouble())
                    + " °C, recirculation on";
        }
        return Optional.of(new Offer(id, List.of(new ProposedAction(FRONT_DEFROSTER, true, "suggestion " + id
                + ": " + reason)), Map.of(Language.EN, "The windshield is fogging up. Turn on the defroster?",
                        Language.ZH, "挡风玻璃起雾了，要打开除雾吗？"), reason));
    }

    static Optional<Offer> seatHeatingWhileWarm(String id, VehicleState state) {
        OptionalDouble cabin = state.number(CABIN);
        if (cabin.isEmpty() || cabin.getAsDouble() < WARM_CABIN) {
            return Optional.empty();
        }
        List<ProposedAction> off = new ArrayList<>();
        for (String seat : SEAT_HEATING) {
            OptionalDouble level = state.number(seat);
            if (level.isPresent() && level.getAsDouble() > 0) {
                off.add(new ProposedAction(seat, 0L, "suggestion " + id + ": cabin is warm"));
            }
        }
        if (off.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Offer(id, off, Map.of(Language.EN, "It's warm in here. Turn off the seat heating?",
                Language.ZH, "车内已经很暖和了，要关闭座椅加热吗？"),
                "cabin " + format(cabin.getAsDouble()) + " °C with seat heating on (" + off.size() + " seat(s))"));
    }

    static Optional<Offer> lowBattery(String id, VehicleState state) {
        OptionalDouble charge = state.number(STATE_OF_CHARGE);
        if (charge.isEmpty() || charge.getAsDouble() > LOW_CHARGE || isTrue(state, CHARGING)
                || state.value(CHARGING).isEmpty()) {
            return Optional.empty();
        }
        List<ProposedAction> save = new ArrayList<>();
        if (isTrue(state, AC)) {
            save.add(new ProposedAction(AC, false, "suggestion " + id + ": save energy"));
        }
        for (String seat : SEAT_HEATING) {
            OptionalDouble level = state.number(seat);
            if (level.isPresent() && level.getAsDouble() > 0) {
                save.add(new ProposedAction(seat, 0L, "suggestion " + id + ": save energy"));
            }
        }
        if (save.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Offer(id, save, Map.of(
                Language.EN, "The battery is low. Turn off the A/C and seat heating to save range?",
                Language.ZH, "电量低，要关闭空调和座椅加热以节省续航吗？"),
                "battery " + format(charge.getAsDouble()) + " %, not charging"));
    }

    private static boolean isTrue(VehicleState state, String path) {
        return state.value(path).map(Boolean.TRUE::equals).orElse(false);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
