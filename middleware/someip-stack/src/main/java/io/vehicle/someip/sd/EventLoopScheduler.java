package io.vehicle.someip.sd;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/** The production scheduler: one Netty event loop. */
public final class EventLoopScheduler implements SdScheduler {

    private final EventExecutor loop;

    public EventLoopScheduler(EventExecutor loop) {
        this.loop = loop;
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        var future = loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public boolean inSchedulerThread() {
        return loop.inEventLoop();
    }

    @Override
    public void execute(Runnable command) {
        if (loop.inEventLoop()) {
            command.run();
        } else {
            loop.execute(command);
        }
    }
}
