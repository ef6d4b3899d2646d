package io.vehicle.simulator.pcap;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * IPv4 packets carrying UDP datagrams or TCP segments, with correct lengths and checksums (RFC 791,
 * 768, 793 and the pseudo-header of RFC 1071's sum), as a capture on the wire would hold them.
 */
public final class Ipv4Packets {

    public static final int UDP = 17;
    public static final int TCP = 6;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private Ipv4Packets() {
    }

    public static byte[] udp(InetSocketAddress from, InetSocketAddress to, byte[] payload, int identification) {
        int length = 8 + payload.length;
        ByteBuffer segment = ByteBuffer.allocate(length);
        segment.putShort((short) from.getPort()).putShort((short) to.getPort()).putShort((short) length)
                .putShort((short) 0).put(payload);
        int checksum = transportChecksum(from, to, UDP, segment.array());
        segment.putShort(6, (short) (checksum == 0 ? 0xFFFF : checksum)); // RFC 768: 0 means none
        return ip(from, to, UDP, segment.array(), identification);
    }

    public static byte[] tcp(InetSocketAddress from, InetSocketAddress to, long seq, long ack, int flags, byte[] payload,
                             int identification) {
        ByteBuffer segment = ByteBuffer.allocate(20 + payload.length);
        segment.putShort((short) from.getPort()).putShort((short) to.getPort()).putInt((int) seq).putInt((int) ack)
                .put((byte) (5 << 4)).put((byte) flags).putShort((short) 0xFFFF).putShort((short) 0).putShort((short) 0)
                .put(payload);
        segment.putShort(16, (short) transportChecksum(from, to, TCP, segment.array()));
        return ip(from, to, TCP, segment.array(), identification);
    }

    private static byte[] ip(InetSocketAddress from, InetSocketAddress to, int protocol, byte[] segment,
                             int identification) {
        int total = 20 + segment.length;
        if (total > 0xFFFF) {
            throw new IllegalArgumentException("an IPv4 packet holds at most 65535 bytes, not " + total);
        }
        boolean multicast = to.getAddress().isMulticastAddress();
        ByteBuffer packet = ByteBuffer.allocate(total);
        packet.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) identification)
                .putShort((short) 0x4000).put((byte) (multicast ? 1 : 64)).put((byte) protocol).putShort((short) 0)
                .put(v4(from)).put(v4(to));
        packet.putShort(10, (short) checksum(packet.array(), 0, 20, 0));
        packet.put(segment);
        return packet.array();
    }

    private static byte[] v4(InetSocketAddress address) {
        if (!(address.getAddress() instanceof Inet4Address v4)) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return v4.getAddress();
    }

    private static int transportChecksum(InetSocketAddress from, InetSocketAddress to, int protocol, byte[] segment) {
        ByteBuffer pseudo = ByteBuffer.allocate(12);
        pseudo.put(v4(from)).put(v4(to)).put((byte) 0).put((byte) protocol).putShort((short) segment.length);
        int sum = sum(pseudo.array(), 0, 12, 0);
        return checksum(segment, 0, segment.length, sum);
    }

    /** The Internet checksum: one's complement of the one's complement sum of 16-bit words. */
    static int checksum(byte[] bytes, int start, int length, int initial) {
        int sum = sum(bytes, start, length, initial);
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    private static int sum(byte[] bytes, int start, int length, int initial) {
        long sum = initial;
        for (int i = start; i < start + length; i += 2) {
            int high = bytes[i] & 0xFF;
            int low = i + 1 < start + length ? bytes[i + 1] & 0xFF : 0;
            sum += high << 8 | low;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}
