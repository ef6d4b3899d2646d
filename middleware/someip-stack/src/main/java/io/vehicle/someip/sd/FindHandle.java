package io.vehicle.someip.sd;

/** A find that can be stopped: its listener is told nothing more, and its FindService repetitions end. */
@FunctionalInterface
public interface FindHandle extends AutoCloseable {

    /** Stops the find; safe to call more than once. */
    @Override
    void close();
}
