package io.vehicle.launcher.tools.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the arrivals of one stream (stack or bare), with the times of the first and the last, and
 * waits until all arrived or arrivals stopped: the end of a stream is not announced in-band, and
 * its last datagrams can trail the sender's report.
 */
final class StreamReceipt {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong firstAt = new AtomicLong();
    private final AtomicLong lastAt = new AtomicLong();

    void arrived() {
        long now = System.nanoTime();
        firstAt.compareAndSet(0, now);
        lastAt.set(now);
        received.incrementAndGet();
    }

    /**
     * Waits until {@code expected} arrived, or nothing arrived for {@code quietMillis} after the
     * first arrival, or the deadline passed. A benchmark's wait for a stream to end, polled.
     */
    void awaitEnd(long expected, long quietMillis, long deadlineMillis) throws InterruptedException {
        long deadline = System.nanoTime() + deadlineMillis * 1_000_000L;
        while (received.get() < expected && System.nanoTime() < deadline) {
            long last = lastAt.get();
            if (last != 0 && System.nanoTime() - last > quietMillis * 1_000_000L) {
                return;
            }
            Thread.sleep(10);
        }
    }

    StreamResult result(String scenario, long sent) {
        long got = received.get();
        double seconds = got < 2 ? 0 : (lastAt.get() - firstAt.get()) / 1e9;
        return new StreamResult(scenario, sent, got, seconds);
    }
}
