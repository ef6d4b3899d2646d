package io.vehicle.someip.sdk.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.sdk.node.NodeConfig;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.vehicle.testing.Await;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #12, the TCP findings: slowloris connections that never send anything, and connections
 * holding large partial frames, from one host and from many, for a few seconds. The provider's TCP
 * connections stay within their limits (per host and in all), idle and stalled ones are closed,
 * the memory they hold is bounded, and the prober's TCP calls are answered throughout.
 */
class TcpExhaustionTest {

    static final EndpointOptions.TcpLimits DEFAULTS = EndpointOptions.TcpLimits.defaults();
    /** More than one host may hold. */
    static final int IDLE_HOGS = DEFAULTS.maxConnectionsPerHost() + 18;
    /** With the idle ones, the prober's and the consumer's, under the limit in all. */
    static final int PARTIAL_HOSTS = 50;
    /** Each partial frame announces 512 KiB and sends half of it. */
    static final int ANNOUNCED = 512 * 1024;

    static NodeConfig.Limits limits() {
        return new NodeConfig.Limits(null, null, null, null, null, null, null, null, null, null, null, null, 3, 2,
                null, null, null, null);
    }

    @Test
    @DisplayName("feat_req_someip_647: idle and partial-frame connections from one host and from many stay within "
            + "the connection limits, are closed by the idle and frame timeouts, and hold bounded memory")
    void connectionsStayBounded() throws Exception {
        List<Socket> hogs = new ArrayList<>();
        try (AttackBed bed = new AttackBed(limits())) {
            InetSocketAddress tcp = bed.provider.server().tcpAddress();
            bed.awaitFlowing();
            long memoryBefore = AttackBed.nettyMemory();
            bed.startProbing();
            long[] peakMemory = {0};
            int[] peakConnections = {0};
            byte[] partial = Forge.request(AttackBed.ECHO, ANNOUNCED, ANNOUNCED / 2); // half of it, never the rest
            AttackBed.attackFor(Duration.ofSeconds(4), round -> {
                if (round == 0) {
                    for (int i = 0; i < IDLE_HOGS; i++) {
                        hogs.add(connect(tcp, AttackBed.ATTACKER));
                    }
                    for (int i = 1; i <= PARTIAL_HOSTS; i++) {
                        Socket socket = connect(tcp, "127.0.1." + i);
                        hogs.add(socket);
                        OutputStream out = socket.getOutputStream();
                        try {
                            out.write(partial);
                            out.flush();
                        } catch (java.io.IOException closedMeanwhile) {
                            // evicted to make room for a newer one: that is the point
                        }
                    }
                }
                peakConnections[0] = Math.max(peakConnections[0], bed.provider.server().tcpConnections().size());
                peakMemory[0] = Math.max(peakMemory[0], AttackBed.nettyMemory() - memoryBefore);
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // a sample every 20 ms: pacing only
            });
            bed.assertHeldItsGround();
            assertThat(peakConnections[0]).as("TCP connections at the most")
                    .isLessThanOrEqualTo(DEFAULTS.maxConnections());
            assertThat(peakMemory[0]).as("Netty memory growth at the most (%d MB)", peakMemory[0] >> 20)
                    .isLessThan(64L << 20);
            // The timeouts fire on the server's loop: counted by now, or within a deadline on a busy machine.
            Await.until("idle and stalled connections closed", Duration.ofSeconds(10), () -> {
                Map<String, Long> now = bed.refusalsSince(bed.provider);
                return now.getOrDefault("endpoint.TCP_IDLE_TIMEOUT", 0L) >= DEFAULTS.maxConnectionsPerHost()
                        && now.getOrDefault("endpoint.TCP_FRAME_TIMEOUT", 0L) >= PARTIAL_HOSTS;
            });
            Map<String, Long> refused = bed.refusalsSince(bed.provider);
            assertThat(refused.get("endpoint.TCP_CONNECTION_LIMIT")).as("over the limit per host")
                    .isEqualTo(IDLE_HOGS - DEFAULTS.maxConnectionsPerHost());
            assertThat(bed.provider.server().tcpBufferedBytes()).as("partial messages held after all").isZero();
        } finally {
            for (Socket hog : hogs) {
                hog.close();
            }
        }
    }

    static Socket connect(InetSocketAddress server, String from) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(server, 10_000);
        return socket;
    }
}
