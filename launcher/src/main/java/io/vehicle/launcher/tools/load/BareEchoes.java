package io.vehicle.launcher.tools.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The server side of the baselines, in {@code load-server}: a UDP echo, a TCP echo (a thread per
 * connection, bytes back as they come) and a UDP stream of numbered datagrams, all on bare
 * blocking JDK sockets.
 */
final class BareEchoes implements AutoCloseable {

    private final DatagramChannel udp;
    private final ServerSocketChannel tcp;
    private final DatagramChannel stream;

    BareEchoes(String host) throws IOException {
        udp = DatagramChannel.open().bind(new InetSocketAddress(host, 0));
        udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
        tcp = ServerSocketChannel.open().bind(new InetSocketAddress(host, 0));
        stream = DatagramChannel.open().bind(new InetSocketAddress(host, 0));
        stream.setOption(StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
        daemon("bare-udp-echo", this::echoUdp);
        daemon("bare-tcp-accept", this::acceptTcp);
        daemon("bare-stream", this::serveStreams);
    }

    int udpPort() throws IOException {
        return ((InetSocketAddress) udp.getLocalAddress()).getPort();
    }

    int tcpPort() throws IOException {
        return ((InetSocketAddress) tcp.getLocalAddress()).getPort();
    }

    int streamPort() throws IOException {
        return ((InetSocketAddress) stream.getLocalAddress()).getPort();
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void echoUdp() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        try {
            while (true) {
                buffer.clear();
                var from = udp.receive(buffer);
                buffer.flip();
                udp.send(buffer, from);
            }
        } catch (IOException e) {
            // closed at exit
        }
    }

    private void acceptTcp() {
        try {
            while (true) {
                SocketChannel connection = tcp.accept();
                connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
                daemon("bare-tcp-echo", () -> echoTcp(connection));
            }
        } catch (IOException e) {
            // closed at exit
        }
    }

    private static void echoTcp(SocketChannel connection) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        try (connection) {
            while (connection.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    connection.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /**
     * A request datagram (count u32, size u16, rate per second u32, 0 = unpaced) is answered with
     * {@code count} datagrams of {@code size} bytes, each starting with its u32 number, paced like
     * the stack's stream (as many as the elapsed time allows, checked every 0.5 ms).
     */
    private void serveStreams() {
        ByteBuffer request = ByteBuffer.allocate(64);
        try {
            while (true) {
                request.clear();
                var from = stream.receive(request);
                if (request.position() < 10) {
                    continue;
                }
                long count = request.getInt(0) & 0xFFFFFFFFL;
                int size = Math.max(4, request.getShort(4) & 0xFFFF);
                long rate = request.getInt(6) & 0xFFFFFFFFL;
                send(from, count, size, rate);
            }
        } catch (IOException e) {
            // closed at exit
        }
    }

    private void send(java.net.SocketAddress to, long count, int size, long rate) throws IOException {
        ByteBuffer datagram = ByteBuffer.allocateDirect(size);
        long start = System.nanoTime();
        for (long n = 0; n < count; n++) {
            if (rate > 0) {
                long due = start + n * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                }
            }
            datagram.clear();
            datagram.putInt(0, (int) n);
            stream.send(datagram, to);
        }
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
        stream.close();
    }
}
