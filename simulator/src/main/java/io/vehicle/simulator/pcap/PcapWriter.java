package io.vehicle.simulator.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A classic libpcap file (magic 0xA1B2C3D4, version 2.4, microsecond time stamps) of link type RAW:
 * each record is an IPv4 packet with no link header, which Wireshark and tshark read as they are.
 */
public final class PcapWriter implements AutoCloseable {

    /** LINKTYPE_RAW: the packet begins with the IP header. */
    public static final int LINKTYPE_RAW = 101;
    static final int SNAPLEN = 0xFFFF;

    private final OutputStream out;
    private long frames;

    public PcapWriter(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
                .putInt(LINKTYPE_RAW);
        out.write(header.array());
    }

    /** Appends one packet; returns its frame number (1-based, as Wireshark counts). */
    public synchronized long write(Instant time, byte[] packet) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) time.getEpochSecond()).putInt(time.getNano() / 1000).putInt(packet.length)
                .putInt(packet.length);
        out.write(record.array());
        out.write(packet);
        return ++frames;
    }

    public synchronized long frames() {
        return frames;
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
