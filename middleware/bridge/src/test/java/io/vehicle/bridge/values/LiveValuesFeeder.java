package io.vehicle.bridge.values;

/** Feeds {@link LiveValues} as the ECUs would, for tests of what reads them (policies) without a network. */
public final class LiveValuesFeeder {

    private final LiveValues values;

    public LiveValuesFeeder(LiveValues values) {
        this.values = values;
    }

    /** The signal's ECU is up and reports {@code value} now (by the values' clock). */
    public void report(String path, Object value) {
        SignalState state = values.get(path);
        values.serviceUp(state.signal().service().serviceId(), "test");
        values.received(state.signal(), value);
    }

    /** The ECU of {@code path} went away. */
    public void down(String path) {
        values.serviceDown(values.get(path).signal().service().serviceId(), "test: ECU gone");
    }
}
