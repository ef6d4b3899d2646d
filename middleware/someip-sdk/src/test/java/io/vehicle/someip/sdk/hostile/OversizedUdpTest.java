package io.vehicle.someip.sdk.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vehicle.someip.transport.InboundErrors;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue #12, a smaller finding: well-formed requests over UDP without SOME/IP-TP and larger than
 * the maximum (1,416 bytes: 1,400 of payload, feat_req_someip_318) were dropped without a word.
 * Here one host sends such requests, of 3,000 bytes and of 60,000, for three seconds: each is
 * counted as LENGTH_OVER_MAXIMUM and logged (at a bounded rate) with its service and method, and the
 * provider keeps answering the prober.
 */
class OversizedUdpTest {

    @Test
    @DisplayName("feat_req_someip_318: oversized requests over UDP without SOME/IP-TP are counted and logged as "
            + "such, and the provider keeps answering")
    void oversizedRequestsAreCountedAndLogged() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(InboundErrors.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (AttackBed bed = new AttackBed(); Forge attacker = new Forge(AttackBed.ATTACKER)) {
            bed.awaitFlowing();
            bed.startProbing();
            byte[] large = Forge.request(AttackBed.ECHO, 3_000, 3_000);
            byte[] huge = Forge.request(AttackBed.ECHO, 60_000, 60_000);
            int[] sent = {0};
            AttackBed.attackFor(Duration.ofSeconds(3), round -> {
                attacker.send(round % 2 == 0 ? large : huge, bed.providerUdp());
                sent[0]++;
                java.util.concurrent.locks.LockSupport.parkNanos(500_000); // 2,000 a second: pacing only
            });
            bed.assertHeldItsGround();
            long counted = bed.refusalsSince(bed.provider).get("wire.LENGTH_OVER_MAXIMUM");
            // Each datagram read is counted once; the kernel may drop some unread when the loop is starved.
            assertThat(counted).as("oversized requests counted of %d sent", sent[0]).isPositive()
                    .isLessThanOrEqualTo(sent[0]);
            assertThat(logged.list).as("log lines about the attacker's oversized requests")
                    .filteredOn(e -> e.getFormattedMessage().contains(AttackBed.ATTACKER))
                    .isNotEmpty()
                    .hasSizeLessThanOrEqualTo(2) // once per 10 s per peer: the attack lasts 3 s
                    .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("LENGTH_OVER_MAXIMUM")
                            .contains("without SOME/IP-TP").contains("maximum of 1416")
                            .contains(String.format("service 0x%04X method 0x%04X", AttackBed.SERVICE, AttackBed.ECHO)));
        } finally {
            log.detachAppender(logged);
        }
    }
}
