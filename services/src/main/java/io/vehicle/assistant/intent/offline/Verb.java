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
    SET,
    /** Warm something with its own heater ("heat my seat", "把后视镜加热"): the devices' heater. */
    HEAT,
    /** Cool something with its own ventilation ("cool my seat"). */
    COOL,
    /** Clear a pane of fog or frost ("defrost the mirrors", "后挡风玻璃除一下霜"): that pane's heater. */
    DEFROST;

    /**
     * Whether the verb says what kind of device it acts on, so that only devices that support it fit ("heat my
     * seat" is the seat heating, not the seat position). Such a verb gives the direction only when nothing else
     * in the clause does ("turn the seat heating up": up).
     */
    boolean choosesDevice() {
        return this == HEAT || this == COOL || this == DEFROST;
    }

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
            case HEAT -> COOL;
            case COOL -> HEAT;
            case DEFROST -> DEFROST;
        };
    }
}
