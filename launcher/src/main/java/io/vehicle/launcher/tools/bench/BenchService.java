package io.vehicle.launcher.tools.bench;

import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sd.SdTimings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/** The ids of the benchmarks' service and how their nodes are configured, shared by both processes. */
final class BenchService {

    static final int SERVICE = 0x7E58;
    static final int INSTANCE = 0x0001;
    static final int MAJOR_VERSION = 1;
    static final int EVENTGROUP = 0x0001;
    /** Payload starts with a u32 sequence number. */
    static final int EVENT = 0x8001;
    static final String PROVIDER_ADDRESS = "127.0.0.1";

    private BenchService() {
    }

    /** Named timings: the defaults, or the defaults with INITIAL_DELAY of 0–10 ms. */
    static SdTimings timings(String name) {
        SdTimings d = SdTimings.defaults();
        return switch (name) {
            case "default" -> d;
            case "initial0-10" -> new SdTimings(0, 10, d.repetitionsBaseDelayMs(), d.repetitionsMax(),
                    d.cyclicOfferDelayMs(), d.requestResponseDelayMinMs(), d.requestResponseDelayMaxMs(),
                    d.offerTtlSeconds(), d.subscribeTtlSeconds());
            default -> throw new IllegalArgumentException("timings: default or initial0-10, not " + name);
        };
    }

    static NodeConfig node(String address, int sdPort, String timings) {
        return NodeConfig.defaults().withUnicast(address).withSd(sdPort, timings(timings));
    }

    /**
     * An SD port no one uses now: the kernel's pick of a free UDP port on the provider's address,
     * so parallel test runs on their fixed ports (31000+) and the spec's 30490 stay out of the way.
     */
    static int freeSdPort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(PROVIDER_ADDRESS, 0))) {
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }
}
