package io.vehicle.assistant.intent.offline;

import java.util.List;

/**
 * The example bank of one language ({@code assistant/offline/examples-xx.yaml}): sentences with the device and
 * verb they ask for; device {@code none} marks requests the car cannot serve (weather, jokes, tickets).
 */
record ExampleFile(List<Example> examples) {

    record Example(String text, String device, Verb verb) {
    }
}
