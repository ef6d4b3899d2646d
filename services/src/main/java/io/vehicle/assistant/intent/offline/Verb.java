package io.vehicle.assistant.intent.offline;

/** What the driver wants done, independent of the device; each device maps the verbs it supports to an operation. */
enum Verb {
    RAISE,
    LOWER,
    ON,
    OFF,
    OPEN,
    CLOSE,
    LOCK,
    UNLOCK,
    FOLD,
    UNFOLD,
    FORWARD,
    BACKWARD,
    MAX,
    MIN,
    SET;

    Verb opposite() {
        return switch (this) {
            case RAISE -> LOWER;
            case LOWER -> RAISE;
            case ON -> OFF;
            case OFF -> ON;
            case OPEN -> CLOSE;
            case CLOSE -> OPEN;
            case LOCK -> UNLOCK;
            case UNLOCK -> LOCK;
            case FOLD -> UNFOLD;
            case UNFOLD -> FOLD;
            case FORWARD -> BACKWARD;
            case BACKWARD -> FORWARD;
            case MAX -> MIN;
            case MIN -> MAX;
            case SET -> SET;
        };
    }
}
