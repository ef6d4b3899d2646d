package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.OTHER_PEER;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.RecordingTransport.Sent;
import io.vehicle.someip.sd.message.FindService;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How entries leave: one by one outside a batch, packed 24 to a message inside, per relation. */
class SdOutboxTest {

    final ManualScheduler clock = new ManualScheduler();
    final RecordingTransport transport = new RecordingTransport(clock);
    final SdOutbox outbox = new SdOutbox(transport);

    /** A distinct entry per number, to check order. */
    static SdEntry entry(int n) {
        return new FindService(n, SdEntry.ANY_INSTANCE, SdEntry.ANY_MAJOR_VERSION, SdEntry.ANY_MINOR_VERSION, 3,
                List.of(), List.of());
    }

    static List<SdEntry> entries(int from, int to) {
        return IntStream.range(from, to).mapToObj(SdOutboxTest::entry).toList();
    }

    @Test
    @DisplayName("feat_req_someipsd_26: outside a batch every entry leaves at once in a message of its own")
    void unbatchedEntriesLeaveOneByOne() {
        outbox.multicast(entry(1));
        outbox.unicast(entry(2), PEER);
        outbox.multicast(entry(3));
        assertThat(transport.sent()).extracting(Sent::target).containsExactly(null, PEER, null);
        assertThat(transport.sent()).allSatisfy(s -> assertThat(s.message().entries()).hasSize(1));
    }

    @Test
    @DisplayName("feat_req_someipsd_836: in a batch entries wait and leave packed, at most 24 per message, in order")
    void batchedEntriesArePacked24PerMessage() {
        outbox.batched(() -> entries(0, 50).forEach(outbox::multicast));
        assertThat(transport.sent()).extracting(s -> s.message().entries().size()).containsExactly(24, 24, 2);
        assertThat(transport.sent()).allMatch(Sent::multicast);
        assertThat(transport.sent().stream().flatMap(s -> s.message().entries().stream())).containsExactlyElementsOf(
                entries(0, 50));
        assertThat(transport.sent()).allSatisfy(s -> {
            assertThat(s.message().unicast()).isTrue();
            assertThat(s.message().options()).isEmpty();
        });
    }

    @Test
    @DisplayName("feat_req_someipsd_844, feat_req_someipsd_1178: a StopSubscribe and the Subscribe after it are "
            + "never split between two messages")
    void restartPairStaysInOneMessage() {
        SubscribeEventgroup subscribe = new SubscribeEventgroup(0x1234, 1, 1, 3, false, 0, 5, List.of());
        List<SdEntry> sent = new ArrayList<>(entries(0, 23));
        sent.add(subscribe.stop()); // the 24th entry: it would end the first message
        sent.add(subscribe);
        sent.addAll(entries(23, 30));
        outbox.batched(() -> sent.forEach(e -> outbox.unicast(e, PEER)));
        assertThat(transport.sent()).extracting(s -> s.message().entries().size()).containsExactly(23, 9);
        assertThat(transport.sent().get(1).message().entries()).startsWith(subscribe.stop(), subscribe);
        assertThat(transport.sent().stream().flatMap(s -> s.message().entries().stream()))
                .containsExactlyElementsOf(sent);
    }

    @Test
    @DisplayName("feat_req_someipsd_836: a batch sends the multicast entries first, then per unicast target in the "
            + "order the targets were first used")
    void multicastFirstThenEachTarget() {
        outbox.batched(() -> {
            outbox.unicast(entry(1), OTHER_PEER);
            outbox.unicast(entry(2), PEER);
            outbox.multicast(entry(3));
            outbox.unicast(entry(4), OTHER_PEER);
        });
        assertThat(transport.sent()).extracting(Sent::target).containsExactly(null, OTHER_PEER, PEER);
        assertThat(transport.sent()).extracting(s -> s.message().entries()).containsExactly(List.of(entry(3)),
                List.of(entry(1), entry(4)), List.of(entry(2)));
    }

    @Test
    @DisplayName("feat_req_someipsd_765, feat_req_someipsd_26, feat_req_someipsd_41: multicast and every unicast "
            + "target count their own session ids from 1, with the reboot flag set")
    void sessionCountersPerRelation() {
        outbox.batched(() -> entries(0, 30).forEach(e -> outbox.unicast(e, PEER)));
        outbox.multicast(entry(1));
        outbox.unicast(entry(2), OTHER_PEER);
        outbox.unicast(entry(3), PEER);
        assertThat(transport.sent()).extracting(s -> s.target() + "#" + s.sessionId()).containsExactly(
                PEER + "#1", PEER + "#2", "null#1", OTHER_PEER + "#1", PEER + "#3");
        assertThat(transport.sent()).allSatisfy(s -> assertThat(s.message().reboot()).isTrue());
    }

    @Test
    @DisplayName("feat_req_someipsd_691: tasks queued in a batch run after its entries went out; outside a batch at once")
    void afterSendRunsOnceTheEntriesLeft() {
        List<Integer> sentWhenRun = new ArrayList<>();
        outbox.batched(() -> {
            outbox.unicast(entry(1), PEER);
            outbox.afterSend(() -> sentWhenRun.add(transport.sent().size()));
            outbox.unicast(entry(2), PEER);
        });
        outbox.afterSend(() -> sentWhenRun.add(transport.sent().size()));
        assertThat(sentWhenRun).containsExactly(1, 1);
        assertThat(transport.sent()).singleElement().satisfies(s -> assertThat(s.message().entries()).hasSize(2));
    }

    @Test
    @DisplayName("feat_req_someipsd_836: nested batches send once, when the outermost one ends")
    void nestedBatchesSendAtTheEnd() {
        outbox.batched(() -> {
            outbox.multicast(entry(1));
            outbox.batched(() -> outbox.multicast(entry(2)));
            assertThat(transport.sent()).as("nothing before the outer batch ends").isEmpty();
            outbox.multicast(entry(3));
        });
        assertThat(transport.sent()).singleElement().satisfies(s ->
                assertThat(s.message().entries()).containsExactly(entry(1), entry(2), entry(3)));
    }
}
