package io.vehicle.simulator.clock;

/**
 * One ECU's own clock, which a clock-skew fault can make run off the simulated time: faster or slower
 * by a factor, or ahead or behind by an offset. The ECU's plant models integrate over its local time
 * steps, its cyclic events follow its local time, and the time stamps of its values are local.
 */
public final class EcuClock {

    private double factor = 1.0;
    private long offsetNanos;
    private long localAtSkewStart;
    private long simulatedAtSkewStart;

    /** Local time at simulated time {@code simulatedNanos}. */
    public long local(long simulatedNanos) {
        return localAtSkewStart + Math.round((simulatedNanos - simulatedAtSkewStart) * factor) + offsetNanos;
    }

    /** The local length of a simulated step. */
    public long localStep(long simulatedStepNanos) {
        return Math.round(simulatedStepNanos * factor);
    }

    /** From now on local time runs at {@code value} times simulated time (continuous, no jump). */
    public void skew(double value, long simulatedNow) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("clock skew factor must be a positive number, not " + value);
        }
        localAtSkewStart = local(simulatedNow) - offsetNanos;
        simulatedAtSkewStart = simulatedNow;
        factor = value;
    }

    public void offset(long nanos) {
        offsetNanos = nanos;
    }

    /** Back to simulated time (factor 1, no offset); local time jumps back too, as a resynchronised clock would. */
    public void reset() {
        factor = 1.0;
        offsetNanos = 0;
        localAtSkewStart = 0;
        simulatedAtSkewStart = 0;
    }

    public double factor() {
        return factor;
    }

    public long offsetNanos() {
        return offsetNanos;
    }

    public boolean skewed() {
        return factor != 1.0 || offsetNanos != 0;
    }
}
