package io.vehicle.launcher.tools.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The baselines: the same closed loop as the stack's (N requests of S bytes outstanding, each
 * answer sends the next), over bare blocking JDK sockets in one thread, with no SOME/IP, event
 * loop or correlation. Each request carries its send time, which the echo returns.
 */
final class BareClients {

    private BareClients() {
    }

    /** UDP to the bare echo of {@code load-server}: a connected DatagramChannel. */
    static LatencyResult udp(InetSocketAddress echo, int outstanding, int size, Duration warmup, Duration measure,
                             CpuWindow cpu) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open().connect(echo)) {
            return closedLoop("bare UDP", channel, outstanding, size, size, warmup, measure, cpu);
        }
    }

    /** TCP to the bare echo of {@code load-server}: a SocketChannel with TCP_NODELAY. */
    static LatencyResult tcp(InetSocketAddress echo, int outstanding, int size, Duration warmup, Duration measure,
                             CpuWindow cpu) throws IOException {
        try (SocketChannel channel = SocketChannel.open(echo)) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return closedLoop("bare TCP", channel, outstanding, size, size, warmup, measure, cpu);
        }
    }

    /**
     * Keeps {@code outstanding} messages in flight; reads one answer of {@code answerSize} bytes (a
     * datagram, or exactly that many stream bytes), records its latency, sends the next. What is
     * still in flight at the end is left to the socket's close.
     */
    private static LatencyResult closedLoop(String kind, ByteChannel channel, int outstanding, int size,
                                            int answerSize, Duration warmup, Duration measure, CpuWindow cpu)
            throws IOException {
        int length = Math.max(Long.BYTES, size);
        ByteBuffer send = ByteBuffer.allocateDirect(length);
        ByteBuffer receive = ByteBuffer.allocateDirect(Math.max(length, 65536));
        boolean stream = channel instanceof SocketChannel;
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        for (int i = 0; i < outstanding; i++) {
            sendStamped(channel, send);
        }
        long warmEnd = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < warmEnd) {
            receiveOne(channel, receive, length, stream);
            sendStamped(channel, send);
        }
        cpu.begin();
        long start = System.nanoTime();
        long end = start + measure.toNanos();
        long count = 0;
        long now = start;
        while (now < end) {
            long sentAt = receiveOne(channel, receive, length, stream);
            now = System.nanoTime();
            histogram.recordValue(Math.max(0, now - sentAt));
            count++;
            sendStamped(channel, send);
        }
        long cpuNanos = cpu.end();
        String name = String.format("%s, %d outstanding, %s", kind, outstanding, sizeLabel(answerSize));
        return new LatencyResult(name, count, (now - start) / 1e9, histogram, 0, cpuNanos);
    }

    private static void sendStamped(ByteChannel channel, ByteBuffer send) throws IOException {
        send.clear();
        send.putLong(0, System.nanoTime());
        while (send.hasRemaining()) {
            channel.write(send);
        }
    }

    /** One answer; returns the send time it carries. */
    private static long receiveOne(ByteChannel channel, ByteBuffer receive, int length, boolean stream)
            throws IOException {
        receive.clear();
        if (stream) {
            receive.limit(length);
            while (receive.hasRemaining()) {
                if (channel.read(receive) < 0) {
                    throw new IOException("the bare TCP echo closed the connection");
                }
            }
        } else {
            channel.read(receive);
        }
        return receive.getLong(0);
    }

    /** Asks the bare stream of {@code load-server} for {@code count} datagrams and counts what arrives. */
    static StreamResult stream(InetSocketAddress streamServer, long count, int size, long rate)
            throws IOException, InterruptedException {
        try (DatagramChannel channel = DatagramChannel.open()
                .bind(new InetSocketAddress(streamServer.getAddress(), 0))) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            StreamReceipt receipt = new StreamReceipt();
            Thread receiver = new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
                try {
                    while (true) {
                        buffer.clear();
                        channel.receive(buffer);
                        receipt.arrived();
                    }
                } catch (IOException e) {
                    // closed when the stream ended
                }
            }, "bare-stream-receiver");
            receiver.setDaemon(true);
            receiver.start();
            ByteBuffer request = ByteBuffer.allocate(10).putInt((int) count).putShort((short) size)
                    .putInt((int) rate).flip();
            channel.send(request, streamServer);
            receipt.awaitEnd(count, 300, 120_000);
            channel.close();
            receiver.join(5_000);
            return receipt.result(String.format("bare UDP stream %s, %s", sizeLabel(size),
                    rate == 0 ? "unpaced" : "paced at " + rate + "/s"), count);
        }
    }

    static String sizeLabel(int size) {
        return size >= 1024 && size % 1024 == 0 ? size / 1024 + " KiB" : size + " B";
    }
}
