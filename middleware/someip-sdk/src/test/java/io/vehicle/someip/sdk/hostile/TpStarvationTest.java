package io.vehicle.someip.sdk.hostile;

import static io.vehicle.someip.sdk.hostile.AttackBed.ECHO;
import static io.vehicle.someip.sdk.hostile.AttackBed.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #12, attack 6: one host (127.0.0.66) sends first SOME/IP-TP segments from 128 source ports,
 * over 6,000 a second for three seconds, to the provider's UDP port, each starting a reassembly
 * that never completes. Meanwhile a legitimate client sends three-segment requests one after the
 * other: every one is answered, because the flooding host only ever evicts its own reassemblies.
 */
class TpStarvationTest {

    static final Duration ATTACK = Duration.ofSeconds(3);
    static final int PORTS = 128;
    static final int SEGMENT = 1392;

    /** A first segment (offset 0, more to come) of a request that never completes. */
    static byte[] firstSegment(int session, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(16 + 4 + payload.length);
        out.putShort((short) SERVICE).putShort((short) ECHO).putInt(8 + 4 + payload.length)
                .putShort((short) 0x0666).putShort((short) session).put((byte) 1).put((byte) 1)
                .put((byte) MessageType.TP_REQUEST.value()).put((byte) 0)
                .putInt(1) // TP header: offset 0, More Segments Flag set (feat_req_someiptp_768)
                .put(payload);
        return out.array();
    }

    @Test
    @DisplayName("feat_req_someiptp_787, feat_req_someiptp_796: first segments from 128 ports of one host do not "
            + "starve another client's three-segment requests")
    void floodingHostEvictsOnlyItsOwn() throws Exception {
        try (AttackBed bed = new AttackBed()) {
            bed.awaitFlowing();
            bed.startProbing();
            List<Forge> ports = new ArrayList<>();
            for (int i = 0; i < PORTS; i++) {
                ports.add(new Forge(AttackBed.ATTACKER));
            }
            AtomicBoolean flooding = new AtomicBoolean(true);
            byte[] filler = new byte[SEGMENT];
            CompletableFuture<Integer> flood = CompletableFuture.supplyAsync(() -> {
                try {
                    return AttackBed.attackFor(ATTACK, round -> {
                        for (Forge port : ports) {
                            port.send(firstSegment(round % 0xFFFF + 1, filler), bed.providerUdp());
                        }
                        // 128 segments every 20 ms, 6,400 a second: pacing only.
                        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                    });
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                } finally {
                    flooding.set(false);
                }
            });
            int answered = 0;
            Random random = new Random(6);
            try (SomeIpClient client = SomeIpClient.connect(bed.provider.runtime(), bed.providerUdp(),
                    InetAddress.getByName("127.0.0.4"), false, 0x0404,
                    io.vehicle.someip.runtime.EndpointOptions.defaults())) {
                while (flooding.get() || answered < 3) {
                    byte[] payload = new byte[2 * SEGMENT + 1216]; // three segments
                    random.nextBytes(payload);
                    SomeIpMessage response = client.request(SomeIpMessage.builder(SERVICE, ECHO, MessageType.REQUEST)
                            .interfaceVersion(1).payload(Unpooled.wrappedBuffer(payload)).build())
                            .get(5, TimeUnit.SECONDS);
                    try {
                        assertThat(ByteBufUtil.getBytes(response.payload())).as("echo %d", answered)
                                .isEqualTo(payload);
                    } finally {
                        response.release();
                    }
                    answered++;
                }
            } finally {
                for (Forge port : ports) {
                    port.close();
                }
            }
            assertThat(flood.get(30, TimeUnit.SECONDS)).as("flood rounds").isPositive();
            assertThat(answered).as("three-segment requests answered during the flood").isGreaterThanOrEqualTo(3);
            bed.assertHeldItsGround();
            assertThat(bed.refusalsSince(bed.provider).get("endpoint.TP_REASSEMBLY_EVICTED"))
                    .as("the flooding host's own reassemblies evicted").isPositive();
        }
    }
}
