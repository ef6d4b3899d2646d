package io.vehicle.assistant.intent.offline;

/** How much of a relative change: "a bit", unqualified, "a lot", or "all the way". */
enum Intensity {
    SMALL,
    NORMAL,
    LARGE,
    FULL
}
