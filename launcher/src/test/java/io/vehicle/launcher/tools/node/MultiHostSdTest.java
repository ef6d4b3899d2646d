package io.vehicle.launcher.tools.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.launcher.tools.node.NodeProcess;
import io.vehicle.testing.ToolProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three hosts on one machine: network namespaces joined by veth pairs to a bridge that lives in a
 * 'switch' namespace of its own, with private addresses that exist only inside them. Two server
 * nodes and one client node run as separate JVMs ({@code vehicle node}); SD runs over real
 * multicast on the bridged segment, on the spec's port 30490 (each namespace has its own stack).
 * Nothing is sent outside the namespaces.
 */
class MultiHostSdTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String SUFFIX = Integer.toHexString(0x100000 + RANDOM.nextInt(0xEFFFFF));
    static final String SUBNET_PREFIX = "10.231." + (1 + RANDOM.nextInt(250)) + ".";
    static final String SWITCH = "vsd-sw-" + SUFFIX;
    static final String[] HOSTS = {"vsd-a-" + SUFFIX, "vsd-b-" + SUFFIX, "vsd-c-" + SUFFIX};
    static final long OFFER_TTL_MS = 2_000;
    static final List<String> created = new ArrayList<>();
    static final List<NodeProcess> processes = new ArrayList<>();
    static Path dir;

    static String address(int host) {
        return SUBNET_PREFIX + (host + 1);
    }

    @BeforeAll
    static void network() throws Exception {
        String problem = tryRun("ip", "netns", "add", SWITCH);
        if (problem != null) {
            String message = "network namespaces cannot be created here (needs root or CAP_NET_ADMIN): " + problem;
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true (runs as root) and " + message);
            }
            abort(message);
        }
        created.add(SWITCH);
        run("ip", "-n", SWITCH, "link", "set", "lo", "up");
        run("ip", "-n", SWITCH, "link", "add", "br0", "type", "bridge");
        // No IGMP snooping: without a querier it could stop forwarding the SD group.
        run("ip", "-n", SWITCH, "link", "set", "br0", "type", "bridge", "mcast_snooping", "0");
        run("ip", "-n", SWITCH, "link", "set", "br0", "up");
        for (int i = 0; i < HOSTS.length; i++) {
            String host = HOSTS[i];
            run("ip", "netns", "add", host);
            created.add(host);
            // Both ends are created inside namespaces: no interface ever appears in the root namespace.
            run("ip", "-n", SWITCH, "link", "add", "port" + i, "type", "veth", "peer", "name", "eth0", "netns", host);
            run("ip", "-n", SWITCH, "link", "set", "port" + i, "master", "br0");
            run("ip", "-n", SWITCH, "link", "set", "port" + i, "up");
            run("ip", "-n", host, "link", "set", "lo", "up");
            run("ip", "-n", host, "addr", "add", address(i) + "/24", "dev", "eth0");
            run("ip", "-n", host, "link", "set", "eth0", "multicast", "on", "up");
            run("ip", "-n", host, "route", "add", "224.0.0.0/4", "dev", "eth0");
        }
        dir = Files.createTempDirectory("multihost-sd");
    }

    @AfterAll
    static void teardown() throws Exception {
        for (NodeProcess process : processes) {
            process.close();
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            tryRun("ip", "netns", "del", created.get(i));
        }
        created.clear();
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    static String tryRun(String... command) throws Exception {
        try (ToolProcess process = ToolProcess.start(List.of(command), null)) {
            List<String> out = process.remainingStdout(30);
            int code = process.awaitExit(30);
            return code == 0 ? null : "'" + String.join(" ", command) + "' exited " + code + " " + out + "\n"
                    + process.transcript();
        }
    }

    static void run(String... command) throws Exception {
        String problem = tryRun(command);
        if (problem != null) {
            throw new AssertionError(problem);
        }
    }

    static Path config(int host, String role, int... instances) throws Exception {
        StringBuilder refs = new StringBuilder(role + ":\n");
        for (int instance : instances) {
            refs.append("  - {service: 16962, instance: ").append(instance).append(", major: 1}\n");
        }
        Path file = dir.resolve(HOSTS[host] + ".yaml");
        Files.writeString(file, """
                name: %s
                unicast: %s
                sd:
                  port: 30490
                  timings:
                    initialDelayMinMs: 0
                    initialDelayMaxMs: 10
                    repetitionsBaseDelayMs: 20
                    repetitionsMax: 2
                    cyclicOfferDelayMs: 500
                    requestResponseDelayMinMs: 0
                    requestResponseDelayMaxMs: 5
                    offerTtlSeconds: 2
                    subscribeTtlSeconds: 2
                  allowedSubnets: ["%s0/24"]
                %s""".formatted(HOSTS[host], address(host), SUBNET_PREFIX, refs));
        return file;
    }

    static NodeProcess node(int host, String role, int... instances) throws Exception {
        NodeProcess process = NodeProcess.start(HOSTS[host], List.of("ip", "netns", "exec", HOSTS[host]),
                List.of("--config", config(host, role, instances).toString(), "--period-ms", "100"));
        processes.add(process);
        return process;
    }

    /** Reads the client's lines until every condition has been met by some line (in any order). */
    @SafeVarargs
    static void awaitAll(NodeProcess client, long timeoutSeconds, String what, Predicate<JsonNode>... conditions)
            throws InterruptedException {
        Set<Integer> open = new HashSet<>();
        for (int i = 0; i < conditions.length; i++) {
            open.add(i);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!open.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            JsonNode line = left <= 0 ? null : client.next(left);
            if (line == null) {
                throw new AssertionError("not all of " + what + " within " + timeoutSeconds + " s; missing "
                        + open + "\n" + client.transcript());
            }
            open.removeIf(i -> conditions[i].test(line));
        }
    }

    static Predicate<JsonNode> event(String event, int instance) {
        return n -> event.equals(n.path("event").asText()) && n.path("instance").asInt() == instance;
    }

    @Test
    @DisplayName("feat_req_someipsd_79, feat_req_someipsd_812, feat_req_someipsd_842, feat_req_someipsd_764, "
            + "feat_req_someipsd_765, feat_req_someipsd_871, feat_req_someipsd_1135, feat_req_someipsd_821: three "
            + "hosts; SD multicast finds both servers, events flow; a SIGKILLed server expires at the client within "
            + "its TTL, its restart is seen as a reboot and the client subscribes again by itself; a SIGTERMed "
            + "server sends StopOfferService")
    void serversComeAndGoAcrossHosts() throws Exception {
        NodeProcess serverA = node(0, "offered", 1);
        NodeProcess serverB = node(1, "offered", 2);
        NodeProcess client = node(2, "required", 1, 2);
        serverA.await("offered", 60);
        serverB.await("offered", 60);
        // Nothing tells the client where the servers are but their multicast offers.
        awaitAll(client, 60, "both servers available and notifying",
                n -> event("available", 1).test(n) && n.path("sd").asText().equals(address(0) + ":30490")
                        && n.path("udp").asText().startsWith(address(0) + ":"),
                n -> event("available", 2).test(n) && n.path("sd").asText().equals(address(1) + ":30490"),
                event("notification", 1), event("notification", 2), event("field", 1), event("field", 2));

        serverA.sigkill();
        long killedAt = System.nanoTime();
        JsonNode down = client.await("unavailable", n -> n.path("instance").asInt() == 1, 30);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertThat(down.path("reason").asText()).isEqualTo("TTL_EXPIRED");
        assertThat(tookMs).as("expired within the offer TTL (plus sweep and scheduling)").isLessThan(OFFER_TTL_MS + 1_000);
        client.await("notification", n -> n.path("instance").asInt() == 2, 10); // B is not affected

        NodeProcess restartedA = node(0, "offered", 1);
        restartedA.await("offered", 60);
        awaitAll(client, 60, "the reboot of A, A available again, its events resumed",
                n -> "peer-reboot".equals(n.path("event").asText())
                        && n.path("peer").asText().equals(address(0) + ":30490"),
                event("available", 1),
                n -> event("notification", 1).test(n) && n.path("seq").asLong() < 1_000);
        JsonNode later = client.await("notification", n -> n.path("instance").asInt() == 1, 10);
        assertThat(later.path("seq").asLong()).as("a fresh sequence: the restarted process").isLessThan(1_000);

        serverB.sigterm();
        assertThat(serverB.await("stopped", 20).path("reason").asText()).isEqualTo("SIGTERM");
        JsonNode stopped = client.await("unavailable", n -> n.path("instance").asInt() == 2, 10);
        assertThat(stopped.path("reason").asText()).isEqualTo("STOP_OFFER");
        client.await("notification", n -> n.path("instance").asInt() == 1, 10); // A is not affected
    }
}
