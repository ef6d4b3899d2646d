package io.vehicle.simulator.pcap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.vehicle.someip.transport.TrafficTap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the SOME/IP traffic of nodes in one process to a pcap file, each packet once: with the real
 * addresses and ports, UDP as it was sent, TCP as a synthesized stream (handshake, data segments with
 * consistent sequence numbers, FIN). When both ends are recorded nodes the sender's copy is kept; a
 * multicast heard by several recorded nodes is kept once. The event loops only copy bytes; a writer
 * thread does the file I/O.
 */
public final class PcapRecorder implements TrafficTap, AutoCloseable {

    private record Frame(Instant time, byte[] packet) {
    }

    private static final Frame END = new Frame(Instant.EPOCH, new byte[0]);

    /** One TCP connection: next sequence numbers of client and server. */
    private static final class Stream {
        final InetSocketAddress client;
        final InetSocketAddress server;
        long clientSeq = 1000;
        long serverSeq = 5000;
        boolean closed;

        Stream(InetSocketAddress client, InetSocketAddress server) {
            this.client = client;
            this.server = server;
        }
    }

    private final PcapWriter writer;
    private final Set<InetAddress> own = ConcurrentHashMap.newKeySet();
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final Deque<String> recentMulticasts = new ArrayDeque<>();
    private final LinkedBlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger identification = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile IOException failure;

    public PcapRecorder(Path file) throws IOException {
        this.writer = new PcapWriter(file);
        this.thread = new Thread(this::drain, "pcap-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** An address whose nodes are recorded: what they receive from each other is already recorded as sent. */
    public void own(String address) {
        own.add(io.vehicle.someip.sd.SdConfig.ipv4(address));
    }

    @Override
    public void datagram(Direction direction, InetSocketAddress local, InetSocketAddress remote, ByteBuf payload) {
        InetSocketAddress from = direction == Direction.OUT ? local : remote;
        InetSocketAddress to = direction == Direction.OUT ? remote : local;
        if (direction == Direction.IN && own.contains(remote.getAddress())) {
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(payload);
        if (direction == Direction.IN && to.getAddress().isMulticastAddress() && !firstTime(from, bytes)) {
            return;
        }
        enqueue(Ipv4Packets.udp(from, to, bytes, identification.incrementAndGet()));
    }

    private boolean firstTime(InetSocketAddress from, byte[] bytes) {
        String key = endpoint(from) + "/" + Arrays.hashCode(bytes) + "/" + bytes.length;
        synchronized (recentMulticasts) {
            if (recentMulticasts.contains(key)) {
                return false;
            }
            recentMulticasts.addLast(key);
            if (recentMulticasts.size() > 256) {
                recentMulticasts.removeFirst();
            }
            return true;
        }
    }

    @Override
    public void connected(InetSocketAddress local, InetSocketAddress remote, boolean outgoing) {
        InetSocketAddress client = outgoing ? local : remote;
        InetSocketAddress server = outgoing ? remote : local;
        Stream stream = new Stream(client, server);
        if (streams.putIfAbsent(key(client, server), stream) == null) {
            enqueue(Ipv4Packets.tcp(client, server, stream.clientSeq - 1, 0, Ipv4Packets.SYN, new byte[0], next()));
            enqueue(Ipv4Packets.tcp(server, client, stream.serverSeq - 1, stream.clientSeq, Ipv4Packets.SYN
                    | Ipv4Packets.ACK, new byte[0], next()));
            enqueue(Ipv4Packets.tcp(client, server, stream.clientSeq, stream.serverSeq, Ipv4Packets.ACK, new byte[0],
                    next()));
        }
    }

    @Override
    public void stream(Direction direction, InetSocketAddress local, InetSocketAddress remote, ByteBuf bytes) {
        if (direction == Direction.IN && own.contains(remote.getAddress())) {
            return;
        }
        Stream stream = find(local, remote);
        if (stream == null) {
            connected(local, remote, direction == Direction.OUT); // a connection older than the recording
            stream = find(local, remote);
        }
        InetSocketAddress from = direction == Direction.OUT ? local : remote;
        byte[] data = ByteBufUtil.getBytes(bytes);
        synchronized (stream) {
            for (int offset = 0; offset < data.length; offset += 16_000) {
                byte[] chunk = Arrays.copyOfRange(data, offset, Math.min(data.length, offset + 16_000));
                boolean fromClient = from.equals(stream.client);
                long seq = fromClient ? stream.clientSeq : stream.serverSeq;
                long ack = fromClient ? stream.serverSeq : stream.clientSeq;
                enqueue(Ipv4Packets.tcp(from, fromClient ? stream.server : stream.client, seq, ack,
                        Ipv4Packets.PSH | Ipv4Packets.ACK, chunk, next()));
                if (fromClient) {
                    stream.clientSeq += chunk.length;
                } else {
                    stream.serverSeq += chunk.length;
                }
            }
        }
    }

    @Override
    public void disconnected(InetSocketAddress local, InetSocketAddress remote) {
        Stream stream = find(local, remote);
        if (stream == null) {
            return;
        }
        synchronized (stream) {
            if (stream.closed) {
                return;
            }
            stream.closed = true;
            enqueue(Ipv4Packets.tcp(stream.client, stream.server, stream.clientSeq, stream.serverSeq,
                    Ipv4Packets.FIN | Ipv4Packets.ACK, new byte[0], next()));
            enqueue(Ipv4Packets.tcp(stream.server, stream.client, stream.serverSeq, stream.clientSeq + 1,
                    Ipv4Packets.FIN | Ipv4Packets.ACK, new byte[0], next()));
            enqueue(Ipv4Packets.tcp(stream.client, stream.server, stream.clientSeq + 1, stream.serverSeq + 1,
                    Ipv4Packets.ACK, new byte[0], next()));
        }
        streams.remove(key(stream.client, stream.server));
    }

    private Stream find(InetSocketAddress a, InetSocketAddress b) {
        Stream stream = streams.get(key(a, b));
        return stream != null ? stream : streams.get(key(b, a));
    }

    /** By address and port only: the same endpoint may print with or without a host name. */
    private static String key(InetSocketAddress client, InetSocketAddress server) {
        return endpoint(client) + ">" + endpoint(server);
    }

    private static String endpoint(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private int next() {
        return identification.incrementAndGet();
    }

    private void enqueue(byte[] packet) {
        if (!queue.offer(new Frame(Instant.now(), packet))) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        try {
            while (true) {
                Frame frame = queue.take();
                if (frame == END) {
                    return;
                }
                writer.write(frame.time(), frame.packet());
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Packets written so far. */
    public long frames() {
        return writer.frames();
    }

    /** Writes what is queued and closes the file. */
    @Override
    public void close() throws IOException {
        queue.add(END);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        if (failure != null) {
            throw new UncheckedIOException("pcap recording failed", failure);
        }
    }
}
