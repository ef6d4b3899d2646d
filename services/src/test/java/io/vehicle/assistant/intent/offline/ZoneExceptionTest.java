package io.vehicle.assistant.intent.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vehicle.assistant.intent.Conversation;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.SharedOfflineEngine;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.intent.VehicleState;
import java.util.Arrays;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** "Open all the windows except mine": zones after an exception are left out; other exceptions are not done. */
class ZoneExceptionTest {

    private static final String WINDOW = "Vehicle.Cabin.Door.Row%d.%sSide.Window.Position";
    private static final String SEAT_HEATING = "Vehicle.Cabin.Seat.Row%d.%sSide.Heating";

    private static final VehicleState CLOSED = VehicleState.of(Map.of(
            WINDOW.formatted(1, "Driver"), 0L, WINDOW.formatted(1, "Passenger"), 0L,
            WINDOW.formatted(2, "Driver"), 0L, WINDOW.formatted(2, "Passenger"), 0L, "Vehicle.Speed", 0L));

    private final OfflineIntentEngine engine = SharedOfflineEngine.get();

    /** {@code cells}: the cells written, as row and side letters ("1P 2D 2P"), each with the value given. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "open all the windows except mine                              | window  | 1P 2D 2P | 100",
            "open all windows except the driver's window                   | window  | 1P 2D 2P | 100",
            "open the windows, except mine                                 | window  | 1P 2D 2P | 100",
            "open all the windows except the rear left a bit               | window  | 1D 1P 2P | 10",
            "turn on the seat heating for everyone except the passenger    | heating | 1D 2D 2P | 50",
            "除了我这边，其他车窗都打开                                         | window  | 1P 2D 2P | 100",
            "除了主驾都打开车窗                                                | window  | 1P 2D 2P | 100",
            "车窗除了副驾都打开                                                | window  | 1D 2D 2P | 100",
            "除了主驾以外的车窗都打开                                           | window  | 1P 2D 2P | 100",
            "除了主驾的车窗，其他都打开                                          | window  | 1P 2D 2P | 100",
            "除了后排，座椅加热都打开                                           | heating | 1D 1P    | 50"})
    void theZonesAfterAnExceptionAreLeftOut(String text, String device, String cells, long value) {
        String pattern = device.equals("window") ? WINDOW : SEAT_HEATING;
        Tuple[] expected = Arrays.stream(cells.split(" ")).map(cell -> tuple(pattern.formatted(
                cell.charAt(0) - '0', cell.charAt(1) == 'D' ? "Driver" : "Passenger"), value)).toArray(Tuple[]::new);
        assertThat(engine.understand(text, new Conversation(), CLOSED).actions())
                .as(text).extracting(ProposedAction::path, ProposedAction::value).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"close everything except the sunroof", "open all the windows except the sunroof",
            "除了天窗都关上", "close all the windows except the sunroof", "except mine", "除了我这边", "open all the windows except the other side"})
    void anExceptionOfAnotherDeviceOrOfNothingIsNotDone(String text) {
        Understanding understanding = engine.understand(text, new Conversation(), CLOSED);
        assertThat(understanding.actions()).as(text).isEmpty();
        assertThat(understanding.kind()).as(text).isEqualTo(Understanding.Kind.NOT_UNDERSTOOD);
    }
}
