package io.vehicle.launcher.tools.node;

import static io.vehicle.launcher.tools.node.HostileScene.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.TransportProtocol;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One address (127.0.0.66) subscribes to the eventgroup of a {@code vehicle node --provide} process
 * from 16 SD ports of its own, each with TTL 0xFFFFFF and a live event endpoint, while the scene's
 * consumer holds the 16th slot. A {@code vehicle node --consume} started afterwards on 127.0.0.4 must
 * still get its Ack and its events: the attacker's oldest slot goes to it.
 */
class SubscriberSlotsProcessTest {

    static final int SLOTS = 16;

    @TempDir
    Path dir;

    @Test
    @DisplayName("feat_req_someipsd_1137: one address holding every free slot from 16 ports does not lock a later "
            + "consumer node out of the eventgroup")
    void laterConsumerGetsASlot() throws Exception {
        List<DatagramChannel> ports = new ArrayList<>();
        try (HostileScene scene = new HostileScene(dir, "name: slots\n")) {
            JsonNode before = scene.stats();
            scene.startProbing();
            for (int i = 0; i < SLOTS; i++) {
                DatagramChannel port = DatagramChannel.open(StandardProtocolFamily.INET)
                        .bind(new InetSocketAddress("127.0.0.66", 0));
                ports.add(port);
                InetSocketAddress own = (InetSocketAddress) port.getLocalAddress();
                SubscribeEventgroup subscribe = new SubscribeEventgroup(TestService.SERVICE, HostileScene.INSTANCE,
                        TestService.MAJOR, SdEntry.TTL_UNTIL_REBOOT, false, 0, TestService.EVENTGROUP,
                        List.of(new Ipv4EndpointOption((Inet4Address) own.getAddress(), TransportProtocol.UDP,
                                own.getPort())));
                port.send(HostileScene.datagram(new SdMessage(false, true, false, List.of(subscribe), List.of()), 1),
                        scene.providerSd);
            }
            JsonNode full = scene.stats();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (refused(full, "sd.SUBSCRIBER_LIMIT") == refused(before, "sd.SUBSCRIBER_LIMIT")) {
                assertThat(System.nanoTime() - deadline).as("the 16th attacker port Nacked within 30 s").isNegative();
                full = scene.stats();
            }
            assertThat(full.path("subscribers").asInt()).as("the eventgroup full").isEqualTo(SLOTS);

            try (NodeProcess late = NodeProcess.start("late", "--config", dir.resolve("node.yaml").toString(),
                    "--consume", "--fast", "--unicast", "127.0.0.4", "--sd-port", String.valueOf(HostileScene.SD_PORT),
                    "--instance", String.valueOf(HostileScene.INSTANCE))) {
                late.await("available", 60);
                long first = late.await("notification", 30).path("seq").asLong();
                late.await("notification", n -> n.path("seq").asLong() >= first + 5, 30);
            }
            scene.assertHeldItsGround();
            JsonNode after = scene.stats();
            assertThat(refused(after, "sd.SUBSCRIBER_EVICTED") - refused(before, "sd.SUBSCRIBER_EVICTED"))
                    .as("attacker slots given to the later consumer").isEqualTo(1);
        } finally {
            for (DatagramChannel port : ports) {
                port.close();
            }
        }
    }
}
