package io.vehicle.simulator.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the IPv4 packets of a capture: classic pcap (either byte order, micro- or nanosecond stamps) or
 * pcapng (what tshark and Wireshark write by default), with link types RAW, Ethernet, BSD loopback and
 * Linux cooked capture (what {@code tshark -i lo} or {@code -i any} record). Anything else is skipped.
 */
public final class PcapReader {

    /** One IPv4 packet and when it was captured. */
    public record Packet(Instant time, byte[] ip) {
    }

    private static final int ETHERNET = 1;
    private static final int NULL = 0;
    private static final int LOOP = 108;
    private static final int SLL = 113;
    private static final int SLL2 = 276;

    private PcapReader() {
    }

    public static List<Packet> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        if (in.remaining() < 24) {
            throw new IOException(file + " is too short for a capture");
        }
        int magic = in.order(ByteOrder.BIG_ENDIAN).getInt(0);
        return switch (magic) {
            case 0x0A0D0D0A -> pcapng(in, file);
            case 0xA1B2C3D4, 0xD4C3B2A1, 0xA1B23C4D, 0x4D3CB2A1 -> classic(in, magic);
            default -> throw new IOException(file + " is neither pcap nor pcapng (magic 0x" + Integer.toHexString(magic) + ")");
        };
    }

    private static List<Packet> classic(ByteBuffer in, int magic) throws IOException {
        boolean swapped = magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1;
        boolean nanos = magic == 0xA1B23C4D || magic == 0x4D3CB2A1;
        in.order(swapped ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int linkType = in.getInt(20) & 0xFFFF;
        in.position(24);
        List<Packet> packets = new ArrayList<>();
        while (in.remaining() >= 16) {
            long seconds = in.getInt() & 0xFFFFFFFFL;
            long fraction = in.getInt() & 0xFFFFFFFFL;
            int captured = in.getInt();
            in.getInt();
            if (captured < 0 || captured > in.remaining()) {
                throw new IOException("truncated record at byte " + in.position());
            }
            byte[] frame = new byte[captured];
            in.get(frame);
            Instant time = Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000);
            add(packets, time, linkType, frame);
        }
        return packets;
    }

    private static List<Packet> pcapng(ByteBuffer in, Path file) throws IOException {
        List<Packet> packets = new ArrayList<>();
        Map<Integer, Integer> linkTypes = new HashMap<>();
        Map<Integer, Long> resolution = new HashMap<>();
        int interfaces = 0;
        while (in.remaining() >= 12) {
            int start = in.position();
            int type = in.order(ByteOrder.LITTLE_ENDIAN).getInt(start);
            if (type == 0x0A0D0D0A) {
                int byteOrder = in.order(ByteOrder.LITTLE_ENDIAN).getInt(start + 8);
                in.order(byteOrder == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                interfaces = 0;
                linkTypes.clear();
            }
            int length = in.getInt(start + 4);
            if (length < 12 || start + length > in.limit()) {
                throw new IOException(file + ": bad pcapng block length at byte " + start);
            }
            switch (type == 0x0A0D0D0A ? -1 : in.getInt(start)) {
                case 1 -> { // interface description
                    linkTypes.put(interfaces, in.getShort(start + 8) & 0xFFFF);
                    resolution.put(interfaces, 1_000_000L); // microseconds unless if_tsresol says otherwise
                    interfaces++;
                }
                case 6 -> { // enhanced packet
                    int iface = in.getInt(start + 8);
                    long stamp = (in.getInt(start + 12) & 0xFFFFFFFFL) << 32 | in.getInt(start + 16) & 0xFFFFFFFFL;
                    int captured = in.getInt(start + 20);
                    byte[] frame = new byte[captured];
                    in.get(start + 28, frame);
                    long perSecond = resolution.getOrDefault(iface, 1_000_000L);
                    Instant time = Instant.ofEpochSecond(stamp / perSecond, (stamp % perSecond) * (1_000_000_000L / perSecond));
                    add(packets, time, linkTypes.getOrDefault(iface, -1), frame);
                }
                case 3 -> { // simple packet
                    int captured = Math.min(in.getInt(start + 8), length - 16);
                    byte[] frame = new byte[captured];
                    in.get(start + 12, frame);
                    add(packets, Instant.EPOCH, linkTypes.getOrDefault(0, -1), frame);
                }
                default -> {
                    // section header, statistics, name resolution...: nothing to read
                }
            }
            in.position(start + length);
        }
        return packets;
    }

    /** Strips the link header; keeps IPv4 only. */
    private static void add(List<Packet> packets, Instant time, int linkType, byte[] frame) {
        int offset;
        switch (linkType) {
            case PcapWriter.LINKTYPE_RAW, 12, 14 -> offset = 0;
            case ETHERNET -> {
                if (frame.length < 14 || (frame[12] & 0xFF) != 0x08 || frame[13] != 0) {
                    return;
                }
                offset = 14;
            }
            case NULL, LOOP -> offset = 4;
            case SLL -> offset = 16;
            case SLL2 -> offset = 20;
            default -> {
                return;
            }
        }
        if (frame.length > offset + 20 && (frame[offset] & 0xF0) == 0x40) {
            byte[] ip = new byte[frame.length - offset];
            System.arraycopy(frame, offset, ip, 0, ip.length);
            packets.add(new Packet(time, ip));
        }
    }
}
