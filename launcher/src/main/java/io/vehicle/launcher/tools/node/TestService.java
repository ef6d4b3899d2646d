package io.vehicle.launcher.tools.node;

/**
 * The small built-in service of {@code vehicle node}: enough to see SD, subscriptions, events and
 * fields work between two machines without any IDL. All integers on the wire are uint32 big-endian.
 */
public final class TestService {

    public static final int SERVICE = 0x4242;
    public static final int MAJOR = 1;
    public static final int MINOR = 0;
    /** The eventgroup holding both the tick event and the field notifier. */
    public static final int EVENTGROUP = 0x0001;
    /** Published every period with a sequence number 1, 2, 3, ... */
    public static final int TICK_EVENT = 0x8001;
    /** Notifier of the field "value". */
    public static final int FIELD_NOTIFIER = 0x8002;
    public static final int FIELD_GETTER = 0x0001;
    public static final int FIELD_SETTER = 0x0002;

    private TestService() {
    }
}
