package io.vehicle.someip.sd;

import java.util.concurrent.Executor;

/**
 * Time and timers for the SD state machines. All state-machine code runs on this scheduler's one
 * thread; production uses a Netty event loop, tests a manual clock they advance by hand.
 */
public interface SdScheduler extends Executor {

    long nowMillis();

    Cancellable schedule(Runnable task, long delayMillis);

    /** Whether the caller runs on the scheduler's thread (and may read state-machine state). */
    default boolean inSchedulerThread() {
        return false;
    }

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
