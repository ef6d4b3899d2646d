package io.vehicle.someip.sd;

import static io.vehicle.someip.sd.SdTestBed.MULTICAST_GROUP;
import static io.vehicle.someip.sd.SdTestBed.OFFERED;
import static io.vehicle.someip.sd.SdTestBed.OTHER_PEER;
import static io.vehicle.someip.sd.SdTestBed.PEER;
import static io.vehicle.someip.sd.SdTestBed.UNICAST_GROUP;
import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.SdTestBed.SubscriberLog;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The subscribers of one offered instance: who is in, until when, and who is told when they leave. */
class SubscriberTableTest {

    static final Subscriber A = new Subscriber(new InetSocketAddress("10.0.0.2", 42_000), null, PEER);
    static final Subscriber A_MOVED = new Subscriber(new InetSocketAddress("10.0.0.2", 42_001), null, PEER);
    static final Subscriber B = new Subscriber(new InetSocketAddress("10.0.0.3", 42_000), null, OTHER_PEER);

    final SubscriberLog log = new SubscriberLog();
    final SubscriberTable table = new SubscriberTable(OFFERED, log);

    @Test
    @DisplayName("feat_req_someipsd_445, feat_req_someipsd_322: a subscriber stays until its expiry time; "
            + "Long.MAX_VALUE (TTL 0xFFFFFF) never expires")
    void expiresAtItsTime() {
        table.put(UNICAST_GROUP, A, 3000, 1);
        table.put(UNICAST_GROUP, B, Long.MAX_VALUE, 2);
        table.expire(2999);
        assertThat(table.of(UNICAST_GROUP)).containsExactly(A, B);
        table.expire(3000);
        assertThat(table.of(UNICAST_GROUP)).containsExactly(B);
        table.expire(Long.MAX_VALUE - 1);
        assertThat(table.of(UNICAST_GROUP)).containsExactly(B);
        assertThat(log.events).containsExactly("unsubscribed 1 " + A.udp());
    }

    @Test
    @DisplayName("feat_req_someipsd_445: a renewal moves the expiry time and is seen as one")
    void renewalMovesTheExpiry() {
        table.put(UNICAST_GROUP, A, 3000, 3);
        assertThat(table.contains(UNICAST_GROUP, A)).isTrue();
        assertThat(table.contains(UNICAST_GROUP, A_MOVED)).isFalse();
        table.put(UNICAST_GROUP, A, 6000, 4);
        table.expire(5999);
        assertThat(table.of(UNICAST_GROUP)).containsExactly(A);
    }

    @Test
    @DisplayName("feat_req_someipsd_1297, feat_req_someipsd_871: dropping a peer removes only its subscribers, in "
            + "one eventgroup or in all")
    void dropsOnePeer() {
        table.put(UNICAST_GROUP, A, 3000, 5);
        table.put(UNICAST_GROUP, B, 3000, 6);
        table.put(MULTICAST_GROUP, A, 3000, 7);
        table.dropFrom(PEER, UNICAST_GROUP);
        assertThat(table.of(UNICAST_GROUP)).containsExactly(B);
        assertThat(table.of(MULTICAST_GROUP)).containsExactly(A);
        table.put(UNICAST_GROUP, A_MOVED, 3000, 8);
        table.dropFrom(PEER);
        assertThat(table.of(UNICAST_GROUP)).containsExactly(B);
        assertThat(table.of(MULTICAST_GROUP)).isEmpty();
        assertThat(log.events).containsExactlyInAnyOrder("unsubscribed 1 " + A.udp(), "unsubscribed 2 " + A.udp(),
                "unsubscribed 1 " + A_MOVED.udp());
    }

    @Test
    @DisplayName("feat_req_someipsd_830: when the offer ends every subscriber is dropped and told")
    void dropAllTellsEveryone() {
        table.put(UNICAST_GROUP, A, 3000, 9);
        table.put(MULTICAST_GROUP, B, 3000, 10);
        table.dropAll();
        assertThat(table.of(UNICAST_GROUP)).isEmpty();
        assertThat(table.of(MULTICAST_GROUP)).isEmpty();
        assertThat(table.watching()).isFalse();
        assertThat(log.events).containsExactlyInAnyOrder("unsubscribed 1 " + A.udp(), "unsubscribed 2 " + B.udp());
    }

    @Test
    @DisplayName("an eventgroup's row, once a subscription was considered, keeps the sweep watching the table")
    void rowsKeepTheSweepWatching() {
        assertThat(table.watching()).isFalse();
        assertThat(table.of(UNICAST_GROUP)).isEmpty();
        assertThat(table.watching()).as("reading opens no row").isFalse();
        assertThat(table.contains(UNICAST_GROUP, A)).isFalse();
        assertThat(table.watching()).isTrue();
    }
}
