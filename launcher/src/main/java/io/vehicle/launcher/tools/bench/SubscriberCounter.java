package io.vehicle.launcher.tools.bench;

import io.vehicle.someip.wire.SomeIpMessage;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * Counts the numbered events one subscriber receives: distinct sequence numbers (so duplicates do
 * not hide losses), events that arrived after a higher number (reordering), first and last arrival.
 */
final class SubscriberCounter implements Consumer<SomeIpMessage> {

    private final BitSet seen = new BitSet();
    private long received;
    private long duplicates;
    private long reordered;
    private long highest = -1;
    private long firstAt;
    private long lastAt;

    @Override
    public void accept(SomeIpMessage event) {
        long now = System.nanoTime();
        try {
            if (event.payload().readableBytes() < 4) {
                return;
            }
            long sequence = event.payload().getUnsignedInt(event.payload().readerIndex());
            synchronized (this) {
                if (received == 0) {
                    firstAt = now;
                }
                lastAt = now;
                if (seen.get((int) sequence)) {
                    duplicates++;
                    return;
                }
                seen.set((int) sequence);
                received++;
                if (sequence < highest) {
                    reordered++;
                }
                highest = Math.max(highest, sequence);
            }
        } finally {
            event.release();
        }
    }

    synchronized void reset() {
        seen.clear();
        received = 0;
        duplicates = 0;
        reordered = 0;
        highest = -1;
        firstAt = 0;
        lastAt = 0;
    }

    synchronized long received() {
        return received;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long reordered() {
        return reordered;
    }

    synchronized long firstAt() {
        return firstAt;
    }

    synchronized long lastAt() {
        return lastAt;
    }
}
