package io.vehicle.api.typed;

import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sd.SdTimings;
import java.io.IOException;
import java.util.List;

/**
 * The provider JVM of {@link TypedTwoProcessTest}: offers the nine catalog services (see
 * {@link CatalogEcus}) on one node, prints {@value #READY} once they are offered, and stops when its
 * stdin closes (the test closing it, or the test JVM dying).
 *
 * <p>Arguments: unicast address, SD port.
 */
public final class TypedProviderMain {

    static final String READY = "TYPED-PROVIDER-READY";

    private TypedProviderMain() {
    }

    public static void main(String[] args) throws IOException {
        NodeConfig config = NodeConfig.defaults().withUnicast(args[0])
                .withSd(Integer.parseInt(args[1]), SdTimings.fast());
        try (SomeIpNode node = SomeIpNode.start(config)) {
            List<AutoCloseable> services = CatalogEcus.offerAll(node);
            System.out.println(READY + " udp=" + node.server().udpAddress() + " tcp=" + node.server().tcpAddress());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until stdin closes
            }
            for (AutoCloseable service : services) {
                try {
                    service.close();
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }
        }
        System.exit(0);
    }
}
