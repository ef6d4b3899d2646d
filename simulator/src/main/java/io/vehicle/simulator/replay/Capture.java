package io.vehicle.simulator.replay;

import io.netty.buffer.Unpooled;
import io.vehicle.simulator.pcap.PcapReader;
import io.vehicle.someip.sd.message.DecodedSdMessage;
import io.vehicle.someip.sd.message.OfferService;
import io.vehicle.someip.sd.message.SdCodec;
import io.vehicle.someip.sd.message.SdEntry;
import io.vehicle.someip.sd.message.SdFormatException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SOME/IP view of a capture: every message of every UDP datagram and TCP stream (Magic Cookies
 * skipped, streams put back together in sequence order), and the services each address offered through
 * SOME/IP-SD. What {@link Replayer} stands in for.
 */
public final class Capture {

    /** A service instance an address offered. */
    public record Offer(InetAddress provider, int serviceId, int instanceId, int majorVersion, long minorVersion,
                        Instant first) {
    }

    private final List<CapturedMessage> messages;
    private final Map<String, Offer> offers;

    private Capture(List<CapturedMessage> messages, Map<String, Offer> offers) {
        this.messages = List.copyOf(messages);
        this.offers = offers;
    }

    public static Capture read(Path file) throws IOException {
        List<CapturedMessage> messages = new ArrayList<>();
        Map<String, ByteBuffer> streams = new HashMap<>();
        Map<String, Long> nextSeq = new HashMap<>();
        for (PcapReader.Packet packet : PcapReader.read(file)) {
            ByteBuffer ip = ByteBuffer.wrap(packet.ip());
            int headerLength = (ip.get(0) & 0x0F) * 4;
            int total = Math.min(ip.getShort(2) & 0xFFFF, packet.ip().length);
            int protocol = ip.get(9) & 0xFF;
            if ((ip.getShort(6) & 0x3FFF) != 0 || total < headerLength + 8) {
                continue; // fragments are not reassembled
            }
            InetAddress src = InetAddress.getByAddress(java.util.Arrays.copyOfRange(packet.ip(), 12, 16));
            InetAddress dst = InetAddress.getByAddress(java.util.Arrays.copyOfRange(packet.ip(), 16, 20));
            int sport = ip.getShort(headerLength) & 0xFFFF;
            int dport = ip.getShort(headerLength + 2) & 0xFFFF;
            InetSocketAddress from = new InetSocketAddress(src, sport);
            InetSocketAddress to = new InetSocketAddress(dst, dport);
            if (protocol == 17) {
                byte[] payload = java.util.Arrays.copyOfRange(packet.ip(), headerLength + 8, total);
                split(packet.time(), from, to, false, ByteBuffer.wrap(payload), messages);
            } else if (protocol == 6 && total >= headerLength + 20) {
                long seq = ip.getInt(headerLength + 4) & 0xFFFFFFFFL;
                int dataOffset = ((ip.get(headerLength + 12) & 0xF0) >> 4) * 4;
                int flags = ip.get(headerLength + 13) & 0xFF;
                byte[] data = java.util.Arrays.copyOfRange(packet.ip(), headerLength + dataOffset, total);
                String key = from + ">" + to;
                if ((flags & 0x02) != 0) { // SYN: a new stream
                    nextSeq.put(key, seq + 1);
                    streams.remove(key);
                    continue;
                }
                Long expected = nextSeq.get(key);
                if (data.length == 0 || expected != null && seq != expected) {
                    continue; // no data, a retransmission or a gap
                }
                nextSeq.put(key, seq + data.length);
                ByteBuffer buffer = append(streams.get(key), data);
                split(packet.time(), from, to, true, buffer, messages);
                streams.put(key, buffer.hasRemaining() ? buffer.slice() : null);
            }
        }
        return new Capture(messages, offers(messages));
    }

    private static ByteBuffer append(ByteBuffer rest, byte[] data) {
        if (rest == null || !rest.hasRemaining()) {
            return ByteBuffer.wrap(data);
        }
        ByteBuffer joined = ByteBuffer.allocate(rest.remaining() + data.length);
        joined.put(rest).put(data).flip();
        return joined;
    }

    /** Takes whole messages off the buffer by their length fields; an incomplete one stays (TCP). */
    private static void split(Instant time, InetSocketAddress from, InetSocketAddress to, boolean tcp, ByteBuffer in,
                              List<CapturedMessage> into) {
        while (in.remaining() >= 16) {
            int start = in.position();
            long length = in.getInt(start + 4) & 0xFFFFFFFFL;
            if (length < 8 || length > 16 * 1024 * 1024) {
                in.position(in.limit()); // not SOME/IP: drop the rest of this datagram or stream chunk
                return;
            }
            if (in.remaining() < 8 + length) {
                if (!tcp) {
                    in.position(in.limit());
                }
                return;
            }
            byte[] raw = new byte[(int) (8 + length)];
            in.get(raw);
            ByteBuffer m = ByteBuffer.wrap(raw);
            int serviceId = m.getShort(0) & 0xFFFF;
            int methodId = m.getShort(2) & 0xFFFF;
            if (serviceId == 0xFFFF && (methodId == 0x0000 || methodId == 0x8000)) {
                continue; // Magic Cookie
            }
            into.add(new CapturedMessage(time, from, to, tcp, serviceId, methodId, m.getShort(8) & 0xFFFF,
                    m.getShort(10) & 0xFFFF, m.get(13) & 0xFF, m.get(14) & 0xFF, m.get(15) & 0xFF,
                    java.util.Arrays.copyOfRange(raw, 16, raw.length), raw));
        }
    }

    private static Map<String, Offer> offers(List<CapturedMessage> messages) {
        Map<String, Offer> offers = new LinkedHashMap<>();
        for (CapturedMessage message : messages) {
            if (message.serviceId() != SdCodec.SERVICE_ID || message.methodId() != 0x8100) {
                continue;
            }
            DecodedSdMessage decoded;
            try {
                decoded = SdCodec.decode(Unpooled.wrappedBuffer(message.payload()));
            } catch (SdFormatException e) {
                continue;
            }
            for (SdEntry entry : decoded.message().entries()) {
                if (entry instanceof OfferService offer && offer.ttl() > 0) {
                    String key = message.from().getAddress().getHostAddress() + "/" + offer.serviceId() + "/"
                            + offer.instanceId();
                    offers.putIfAbsent(key, new Offer(message.from().getAddress(), offer.serviceId(), offer.instanceId(),
                            offer.majorVersion(), offer.minorVersion() & 0xFFFFFFFFL, message.time()));
                }
            }
        }
        return offers;
    }

    public List<CapturedMessage> messages() {
        return messages;
    }

    public List<Offer> offers() {
        return List.copyOf(offers.values());
    }

    /** The notifications a provider sent for one service, in capture order. */
    public List<CapturedMessage> notifications(InetAddress provider, int serviceId) {
        return messages.stream().filter(m -> m.messageType() == 0x02 && m.serviceId() == serviceId
                && m.from().getAddress().equals(provider)).toList();
    }

    /** Answers (responses and errors) the provider sent, each with the request it answered, if captured. */
    public List<CapturedMessage[]> exchanges(InetAddress provider, int serviceId) {
        List<CapturedMessage[]> pairs = new ArrayList<>();
        for (CapturedMessage answer : messages) {
            if ((answer.messageType() == 0x80 || answer.messageType() == 0x81) && answer.serviceId() == serviceId
                    && answer.from().getAddress().equals(provider)) {
                CapturedMessage request = messages.stream().filter(r -> r.messageType() == 0x00
                        && r.serviceId() == serviceId && r.methodId() == answer.methodId()
                        && r.clientId() == answer.clientId() && r.sessionId() == answer.sessionId()
                        && r.to().getAddress().equals(provider) && !r.time().isAfter(answer.time()))
                        .reduce((a, b) -> b).orElse(null);
                pairs.add(new CapturedMessage[] {request, answer});
            }
        }
        return pairs;
    }
}
