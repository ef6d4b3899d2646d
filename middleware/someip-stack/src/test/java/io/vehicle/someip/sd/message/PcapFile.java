package io.vehicle.someip.sd.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A classic pcap file (link type Ethernet) of UDP datagrams between 127.0.0.1 and itself, for
 * handing our bytes to Wireshark's dissectors. Built by hand so the test depends on nothing else.
 */
final class PcapFile {

    private static final int ETHERNET = 1;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int packets;

    PcapFile() {
        ByteBuffer header = ByteBuffer.allocate(24);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(ETHERNET);
        out.writeBytes(header.array());
    }

    /** Adds one frame carrying {@code payload} in UDP from and to {@code port} on 127.0.0.1. */
    PcapFile udp(int port, byte[] payload) {
        int udpLength = 8 + payload.length;
        int ipLength = 20 + udpLength;
        ByteBuffer frame = ByteBuffer.allocate(14 + ipLength);
        frame.put(new byte[] {2, 0, 0, 0, 0, 1}).put(new byte[] {2, 0, 0, 0, 0, 2}).putShort((short) 0x0800);
        int ipStart = frame.position();
        frame.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) packets)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        frame.putShort(ipStart + 10, (short) checksum(frame.array(), ipStart, 20));
        frame.putShort((short) port).putShort((short) port).putShort((short) udpLength).putShort((short) 0);
        frame.put(payload);
        ByteBuffer record = ByteBuffer.allocate(16);
        record.putInt(1_700_000_000 + packets).putInt(0).putInt(frame.capacity()).putInt(frame.capacity());
        out.writeBytes(record.array());
        out.writeBytes(frame.array());
        packets++;
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** The Internet checksum (RFC 1071) of the IPv4 header. */
    private static int checksum(byte[] bytes, int start, int length) {
        int sum = 0;
        for (int i = start; i < start + length; i += 2) {
            sum += (bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return ~sum & 0xFFFF;
    }
}
