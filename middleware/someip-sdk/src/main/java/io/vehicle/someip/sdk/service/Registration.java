package io.vehicle.someip.sdk.service;

/**
 * A listener registered with a proxy (availability, an event, a field notifier). Closing it
 * removes the listener: once {@link #close()} has returned, the listener is not called again,
 * not even with callbacks that were already queued for it. A callback that had already started
 * when close() was called may still finish.
 */
public interface Registration extends AutoCloseable {

    /** Removes the listener; safe to call more than once and from any thread, also from the listener. */
    @Override
    void close();
}
