package io.vehicle.bridge.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Getter reads of one field shared by callers: each caller's read left after its call, at most two outstanding. */
class SharedFieldReadTest {

    static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** The reads sent, each completed by the test. */
    final List<CompletableFuture<Void>> sent = new ArrayList<>();
    final SharedFieldRead reads = new SharedFieldRead(timeout -> {
        CompletableFuture<Void> read = new CompletableFuture<>();
        sent.add(read);
        return read;
    });

    @Test
    @DisplayName("callers that come while a read is in flight share the one sent after it, never the one in flight")
    void latecomersShareTheNextRead() {
        CompletableFuture<Void> first = reads.next(TIMEOUT);
        CompletableFuture<Void> second = reads.next(TIMEOUT);
        CompletableFuture<Void> third = reads.next(TIMEOUT);
        assertThat(sent).as("one read in flight, the others wait for the next").hasSize(1);
        assertThat(third).isSameAs(second);

        sent.get(0).complete(null);
        assertThat(first).isDone();
        assertThat(second).as("the read in flight left before the second caller came").isNotDone();
        assertThat(sent).as("the queued read is sent once the first is over").hasSize(2);

        CompletableFuture<Void> fourth = reads.next(TIMEOUT);
        assertThat(fourth).as("a caller during the second read waits for a third").isNotSameAs(second);
        sent.get(1).complete(null);
        assertThat(second).isDone();
        assertThat(fourth).isNotDone();
        assertThat(sent).hasSize(3);
        sent.get(2).complete(null);
        assertThat(fourth).isDone();

        reads.next(TIMEOUT);
        assertThat(sent).as("with nothing in flight a caller sends at once").hasSize(4);
    }

    @Test
    @DisplayName("a failed read, or one that throws while being sent, is over like an answered one: the field is not held")
    void failuresDoNotHoldTheField() {
        SharedFieldRead throwing = new SharedFieldRead(timeout -> {
            throw new IllegalStateException("the proxy is closed");
        });
        assertThat(throwing.next(TIMEOUT)).isCompleted();
        assertThat(throwing.next(TIMEOUT)).isCompleted();

        CompletableFuture<Void> first = reads.next(TIMEOUT);
        CompletableFuture<Void> queued = reads.next(TIMEOUT);
        sent.get(0).completeExceptionally(new IllegalStateException("timed out"));
        assertThat(first).as("completed normally: the caller judges the value itself").isCompleted();
        sent.get(1).completeExceptionally(new IllegalStateException("timed out"));
        assertThat(queued).isCompleted();
        reads.next(TIMEOUT);
        assertThat(sent).hasSize(3);
    }
}
