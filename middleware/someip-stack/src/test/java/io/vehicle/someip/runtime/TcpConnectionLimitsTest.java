package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.Await;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A server's TCP connections are bounded: per host, in all (a newcomer closes the connection idle
 * longest), by an idle timeout and by a timeout on partial messages; a client that talks keeps its
 * connection through all of it.
 */
class TcpConnectionLimitsTest {

    static final int SERVICE = 0x2323;
    static final int ECHO = 0x0001;

    static SomeIpServer server(SomeIpRuntime runtime, EndpointOptions options) {
        SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", -1, 0, options);
        server.register(ServiceDefinition.builder(SERVICE, 1, 1)
                .method(ECHO, request -> CompletableFuture.completedFuture(request.payload().retainedDuplicate()))
                .build());
        return server;
    }

    static Socket connect(InetSocketAddress server, String from) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(server, 10_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Whether the server closed this connection: a read sees the end of the stream. */
    static boolean closedByServer(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        return in.read() < 0;
    }

    static void echo(SomeIpClient client, String text) throws Exception {
        SomeIpMessage answer = client.request(SomeIpMessage.builder(SERVICE, ECHO, MessageType.REQUEST)
                .interfaceVersion(1).payload(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).build())
                .get(10, TimeUnit.SECONDS);
        try {
            assertThat(answer.payload().toString(StandardCharsets.UTF_8)).isEqualTo(text);
        } finally {
            answer.release();
        }
    }

    /** A request to ECHO announcing {@code payload} bytes of payload, of which only {@code sent} follow. */
    static byte[] echoRequest(int payload, int sent, int session) {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(16 + sent).putShort((short) SERVICE)
                .putShort((short) ECHO).putInt(8 + payload).putShort((short) 0x0666).putShort((short) session)
                .put((byte) 1).put((byte) 1).put((byte) 0).put((byte) 0);
        for (int i = 0; i < sent; i++) {
            out.put((byte) (i * 31 + session));
        }
        return out.array();
    }

    /** The rest of the payload of {@link #echoRequest}: bytes {@code from} to {@code to}. */
    static byte[] rest(int from, int to, int session) {
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = (byte) (i * 31 + session);
        }
        return out;
    }

    @Test
    @DisplayName("partial messages of several connections together over the buffer budget: the connection holding "
            + "the most is closed and counted, what stays buffered is within the budget, the others complete")
    void partialMessagesShareOneBudget() throws Exception {
        // Sizes chosen so the outcome holds whether a connection's buffer counts its bytes or its
        // capacity rounded up to a power of two: A and B fit the budget, C pushes it over, B is largest.
        long budget = 800 * 1024;
        int a = 100_000;
        int b = 500_000;
        int c = 250_000;
        int tail = 10_000;
        EndpointOptions options = EndpointOptions.defaults()
                .withTcp(new EndpointOptions.TcpLimits(16, 8, 0, 0, budget));
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = server(runtime, options);
             Socket first = connect(server.tcpAddress(), "127.0.0.71");
             Socket largest = connect(server.tcpAddress(), "127.0.0.72");
             Socket last = connect(server.tcpAddress(), "127.0.0.73")) {
            first.getOutputStream().write(echoRequest(a + tail, a, 1));
            Await.until("the first partial message buffered", Duration.ofSeconds(10),
                    () -> server.tcpBufferedBytes() >= a);
            largest.getOutputStream().write(echoRequest(b + tail, b, 2));
            Await.until("the second partial message buffered", Duration.ofSeconds(10),
                    () -> server.tcpBufferedBytes() >= a + b);
            assertThat(server.tcpBufferedBytes()).as("two partial messages within the budget").isLessThanOrEqualTo(budget);
            assertThat(options.refusals().count(EndpointRefusal.TCP_BUFFER_LIMIT)).isZero();

            last.getOutputStream().write(echoRequest(c + tail, c, 3));
            assertThat(closedByServer(largest)).as("the connection holding the most closed").isTrue();
            Await.until("the third partial message buffered", Duration.ofSeconds(10),
                    () -> server.tcpBufferedBytes() >= a + c);
            assertThat(options.refusals().count(EndpointRefusal.TCP_BUFFER_LIMIT)).isEqualTo(1);
            assertThat(server.tcpBufferedBytes()).as("buffered after the close").isLessThanOrEqualTo(budget);
            Await.until("the closed connection forgotten", Duration.ofSeconds(10),
                    () -> server.tcpConnections().size() == 2);

            // The two others were not touched: their messages complete and are answered.
            for (Object[] peer : new Object[][] {{first, a, 1}, {last, c, 3}}) {
                Socket socket = (Socket) peer[0];
                int sent = (Integer) peer[1];
                int session = (Integer) peer[2];
                socket.getOutputStream().write(rest(sent, sent + tail, session));
                byte[] header;
                byte[] payload;
                do { // past the server's Magic Cookies (feat_req_someip_586)
                    header = socket.getInputStream().readNBytes(16);
                    payload = socket.getInputStream().readNBytes(java.nio.ByteBuffer.wrap(header).getInt(4) - 8);
                } while (java.nio.ByteBuffer.wrap(header).getShort(0) == (short) 0xFFFF);
                assertThat(header[14]).as("a RESPONSE").isEqualTo((byte) 0x80);
                assertThat(payload).as("the echo of session %d", session).isEqualTo(rest(0, sent + tail, session));
            }
            assertThat(server.tcpBufferedBytes()).isZero();
            assertThat(options.refusals().count(EndpointRefusal.TCP_BUFFER_LIMIT)).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a host over its connection limit has its new connections closed; other hosts still connect")
    void perHostLimit() throws Exception {
        EndpointOptions options = EndpointOptions.defaults().withTcp(new EndpointOptions.TcpLimits(16, 3, 0, 0));
        List<Socket> sockets = new ArrayList<>();
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = server(runtime, options)) {
            for (int i = 0; i < 3; i++) {
                sockets.add(connect(server.tcpAddress(), "127.0.0.66"));
            }
            Await.until("three connections taken", Duration.ofSeconds(10), () -> server.tcpConnections().size() == 3);
            Socket fourth = connect(server.tcpAddress(), "127.0.0.66");
            sockets.add(fourth);
            assertThat(closedByServer(fourth)).isTrue();
            assertThat(options.refusals().count(EndpointRefusal.TCP_CONNECTION_LIMIT)).isEqualTo(1);
            try (SomeIpClient client = SomeIpClient.connect(runtime, server.tcpAddress(),
                    java.net.InetAddress.getByName("127.0.0.2"), true, 0x0101, options)) {
                echo(client, "another host");
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    @DisplayName("a newcomer over the total closes the connection idle longest, not the client that talks")
    void totalLimitClosesTheIdleLongest() throws Exception {
        EndpointOptions options = EndpointOptions.defaults().withTcp(new EndpointOptions.TcpLimits(4, 4, 0, 0));
        List<Socket> idle = new ArrayList<>();
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = server(runtime, options);
             SomeIpClient client = SomeIpClient.connect(runtime, server.tcpAddress(),
                     java.net.InetAddress.getByName("127.0.0.2"), true, 0x0101, options)) {
            echo(client, "first");
            for (int i = 0; i < 3; i++) {
                idle.add(connect(server.tcpAddress(), "127.0.0." + (70 + i)));
            }
            Await.until("four connections", Duration.ofSeconds(10), () -> server.tcpConnections().size() == 4);
            echo(client, "still talking"); // now the client is the most recently active
            for (int i = 0; i < 3; i++) {
                idle.add(connect(server.tcpAddress(), "127.0.0." + (80 + i)));
                int closed = i + 1;
                Await.until(closed + " idle connections closed for newcomers", Duration.ofSeconds(10),
                        () -> options.refusals().count(EndpointRefusal.TCP_CONNECTION_LIMIT) == closed);
                echo(client, "after newcomer " + i);
            }
            // The three that were idle longest made room (in which order, their accepting loops decide).
            for (int i = 0; i < 3; i++) {
                assertThat(closedByServer(idle.get(i))).as("idle connection %d closed", i).isTrue();
            }
            assertThat(server.tcpConnections()).extracting(c -> ((InetSocketAddress) c.remoteAddress()).getAddress()
                    .getHostAddress()).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.80", "127.0.0.81", "127.0.0.82");
            assertThat(options.refusals().count(EndpointRefusal.TCP_CONNECTION_LIMIT)).isEqualTo(3);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    @DisplayName("a connection idle for the idle timeout and one holding a partial message past the frame timeout "
            + "are closed and counted; a client that talks is not")
    void idleAndPartialConnectionsAreClosed() throws Exception {
        EndpointOptions options = EndpointOptions.defaults()
                .withTcp(new EndpointOptions.TcpLimits(16, 8, 1_500, 1_000));
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = server(runtime, options);
             SomeIpClient client = SomeIpClient.connect(runtime, server.tcpAddress(),
                     java.net.InetAddress.getByName("127.0.0.2"), true, 0x0101, options);
             Socket silent = connect(server.tcpAddress(), "127.0.0.66");
             Socket trickling = connect(server.tcpAddress(), "127.0.0.67")) {
            OutputStream out = trickling.getOutputStream();
            out.write(new byte[] {0x23, 0x23, 0x00, 0x01, 0x00, 0x00, 0x10, 0x00}); // a 4 KiB message begins
            out.flush();
            CompletableFuture<Boolean> silentClosed = CompletableFuture.supplyAsync(() -> {
                try {
                    return closedByServer(silent);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            // The client talks every 200 ms until the silent connection is gone, so it never idles.
            for (int i = 0; !silentClosed.isDone(); i++) {
                echo(client, "talk " + i);
                try {
                    silentClosed.get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // go on talking
                }
            }
            assertThat(silentClosed.get()).isTrue();
            assertThat(closedByServer(trickling)).isTrue();
            assertThat(options.refusals().count(EndpointRefusal.TCP_FRAME_TIMEOUT)).isEqualTo(1);
            assertThat(options.refusals().count(EndpointRefusal.TCP_IDLE_TIMEOUT)).isEqualTo(1);
            echo(client, "the talking client stays");
        }
    }

    @Test
    @DisplayName("feat_req_someip_326, feat_req_someip_646, feat_req_someip_647: after the server closed an idle connection, the "
            + "client's next call opens a new one; a connection carrying a subscription is not closed for idleness")
    void idleClosedClientReconnects() throws Exception {
        EndpointOptions options = EndpointOptions.defaults().withTcp(new EndpointOptions.TcpLimits(16, 8, 500, 0));
        java.net.InetAddress local = java.net.InetAddress.getByName("127.0.0.2");
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = server(runtime, options);
             SomeIpClient subscribed = SomeIpClient.connect(runtime, server.tcpAddress(), local, true, 0x0101, options);
             SomeIpClient caller = SomeIpClient.connect(runtime, server.tcpAddress(), local, true, 0x0102, options)) {
            echo(subscribed, "subscribed");
            echo(caller, "first call");
            InetSocketAddress callerBefore = caller.localAddress();
            // The server sends this one's events over its connection: it stays, however quiet.
            server.subscriberAdded(null, subscribed.localAddress());
            Await.until("the caller's idle connection closed", Duration.ofSeconds(10),
                    () -> server.tcpConnections().size() == 1);
            assertThat(options.refusals().count(EndpointRefusal.TCP_IDLE_TIMEOUT)).isEqualTo(1);
            assertThat(server.tcpConnections()).extracting(c -> c.remoteAddress())
                    .containsExactly(subscribed.localAddress());
            // The client learns of the close when the FIN arrives; a call written before that races it.
            Await.until("the caller saw its connection closed", Duration.ofSeconds(10), () -> !caller.isConnected());
            echo(caller, "after the server closed it");
            assertThat(caller.localAddress()).as("a new connection").isNotEqualTo(callerBefore);
            assertThat(server.tcpConnections()).hasSize(2);
        }
    }
}
