package io.vehicle.someip.sd;

import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Records what the state machines send, with the time on the manual clock. */
final class RecordingTransport implements SdTransport {

    /** One sent message; {@code target} null means the SD multicast group. */
    record Sent(SdMessage message, int sessionId, InetSocketAddress target, long at) {

        boolean multicast() {
            return target == null;
        }

        SdEntry entry() {
            if (message.entries().size() != 1) {
                throw new AssertionError("expected one entry in " + message);
            }
            return message.entries().get(0);
        }
    }

    private final ManualScheduler clock;
    private final List<Sent> sent = new ArrayList<>();

    RecordingTransport(ManualScheduler clock) {
        this.clock = clock;
    }

    @Override
    public void send(SdMessage message, int sessionId, InetSocketAddress target) {
        sent.add(new Sent(message, sessionId, target, clock.nowMillis()));
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The sent messages whose (single) entry is of this kind. */
    <T extends SdEntry> List<Sent> sent(Class<T> kind) {
        return sent.stream().filter(s -> s.message().entries().stream().anyMatch(kind::isInstance)).toList();
    }

    /** The entries of this kind, in sending order. */
    <T extends SdEntry> List<T> entries(Class<T> kind) {
        return sent.stream().flatMap(s -> s.message().entries().stream()).filter(kind::isInstance).map(kind::cast)
                .toList();
    }

    void clear() {
        sent.clear();
    }

    /** Advances the clock 1 ms at a time until something is sent (at most {@code limit} ms); returns the time. */
    long advanceClockUntilSent(long limit) {
        int before = sent.size();
        for (long waited = 0; waited <= limit; waited++) {
            if (sent.size() > before) {
                return clock.nowMillis();
            }
            clock.advance(1);
        }
        throw new AssertionError("nothing sent within " + limit + " ms");
    }
}
