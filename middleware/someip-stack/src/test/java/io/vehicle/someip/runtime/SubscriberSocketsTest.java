package io.vehicle.someip.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vehicle.someip.transport.EndpointRefusal;
import io.vehicle.someip.transport.NettyTransport;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.Await;
import io.netty.channel.Channel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Events to UDP subscribers over sockets of their own, connected to them and bound to the server's
 * port: events still come from the server's endpoint, requests from a subscriber's endpoint are
 * still answered (also after its socket closed), no other client's request is lost while sockets
 * open, a socket is connected before its subscription's Ack, an unreachable subscriber is reported,
 * and a subscriber whose queue is full loses events instead of growing a queue.
 */
class SubscriberSocketsTest {

    static final int SERVICE = 0x3131;
    static final int ECHO = 0x0001;
    static final int EVENT = 0x8001;

    static SomeIpMessage event(int seq) {
        return SomeIpMessage.builder(SERVICE, EVENT, MessageType.NOTIFICATION).interfaceVersion(1)
                .payload(Unpooled.buffer(4).writeInt(seq)).build();
    }

    static SomeIpServer server(SomeIpRuntime runtime, EndpointOptions options) {
        SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", 0, -1, options);
        server.register(ServiceDefinition.builder(SERVICE, 1, 1)
                .method(ECHO, request -> CompletableFuture.completedFuture(request.payload().retainedDuplicate()))
                .build());
        return server;
    }

    /** Opens the server's socket for {@code subscriber}'s endpoint and waits until it is connected. */
    static InetSocketAddress subscribe(SomeIpServer server, DatagramSocket subscriber) throws Exception {
        subscriber.setSoTimeout(10_000);
        InetSocketAddress endpoint = (InetSocketAddress) subscriber.getLocalSocketAddress();
        server.subscriberAdded(endpoint, null);
        Await.until("the subscriber's socket is connected", Duration.ofSeconds(10),
                () -> server.subscriberSockets() == 1);
        return endpoint;
    }

    /** Receives one datagram; returns its source, with the first message's method and 4-byte payload. */
    static int[] receive(DatagramSocket socket, InetSocketAddress[] source) throws Exception {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        source[0] = (InetSocketAddress) packet.getSocketAddress();
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, packet.getLength());
        return new int[] {in.getShort(2) & 0xFFFF, in.getInt(16)};
    }

    /** An echo request of client 0x0101 with a 4-byte payload. */
    static byte[] echoRequest(int session, int payload) {
        return ByteBuffer.allocate(20).putShort((short) SERVICE).putShort((short) ECHO).putInt(12)
                .putShort((short) 0x0101).putShort((short) session).put((byte) 1).put((byte) 1).put((byte) 0)
                .put((byte) 0).putInt(payload).array();
    }

    /** Sends an echo request from {@code from} to the server. */
    static void sendEcho(DatagramSocket from, SomeIpServer server, int session, int payload)
            throws java.io.IOException {
        byte[] request = echoRequest(session, payload);
        from.send(new DatagramPacket(request, request.length, server.udpAddress()));
    }

    /**
     * On {@code socket}'s event loop: the socket reads an echo request (session 7) from {@code from}, as if
     * the kernel had handed it the datagram.
     */
    static void readEcho(Channel socket, InetSocketAddress serverAddress, InetSocketAddress from, int payload) {
        socket.pipeline().fireChannelRead(new io.netty.channel.socket.DatagramPacket(
                Unpooled.wrappedBuffer(echoRequest(7, payload)), serverAddress, from));
        socket.pipeline().fireChannelReadComplete();
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    @DisplayName("feat_req_someipsd_850: events through a subscriber's own socket come from the server's endpoint; "
            + "a request from the subscriber's endpoint is answered as before")
    void eventsComeFromTheServersEndpoint(NettyTransport transport) throws Exception {
        EachTransportTest.requireAvailable(transport);
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 2);
             SomeIpServer server = server(runtime, EndpointOptions.defaults());
             DatagramSocket subscriber = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress endpoint = subscribe(server, subscriber);
            InetSocketAddress[] source = new InetSocketAddress[1];
            for (int seq = 1; seq <= 3; seq++) {
                assertThat(server.sendEventUdp(event(seq), endpoint, seq == 2)).isTrue();
                int[] received = receive(subscriber, source);
                assertThat(received).containsExactly(EVENT, seq);
                assertThat(source[0]).isEqualTo(server.udpAddress());
            }
            byte[] request = ByteBuffer.allocate(17).putShort((short) SERVICE).putShort((short) ECHO).putInt(9)
                    .putShort((short) 0x0101).putShort((short) 7).put((byte) 1).put((byte) 1).put((byte) 0)
                    .put((byte) 0).put((byte) 42).array();
            subscriber.send(new DatagramPacket(request, request.length, server.udpAddress()));
            byte[] buffer = new byte[2048];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            subscriber.receive(answer);
            assertThat(answer.getSocketAddress()).isEqualTo(server.udpAddress());
            assertThat(buffer[14]).as("a RESPONSE").isEqualTo((byte) 0x80);
            assertThat(buffer[16]).isEqualTo((byte) 42);

            server.subscriberRemoved(endpoint, null);
            Await.until("the subscriber's socket is closed", Duration.ofSeconds(10),
                    () -> server.subscriberSockets() == 0);
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_850: where IPv6 sockets are refused, subscriber sockets join the server port's "
            + "group: events come from the server's endpoint, the subscriber is answered, a dead one is reported")
    void inThePortsGroupWhereIpv6IsRefused() throws Exception {
        EndpointOptions options = EndpointOptions.defaults();
        List<InetSocketAddress> reported = new CopyOnWriteArrayList<>();
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = server(runtime, options);
             DatagramSocket subscriber = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            server.subscriberSocketsInThePortsGroup();
            server.onSubscriberUnreachable(reported::add);
            InetSocketAddress endpoint = subscribe(server, subscriber);
            assertThat(server.subscriberSocket(endpoint).localAddress()).isEqualTo(server.udpAddress());
            InetSocketAddress[] source = new InetSocketAddress[1];
            assertThat(server.sendEventUdp(event(1), endpoint, true)).isTrue();
            assertThat(receive(subscriber, source)).containsExactly(EVENT, 1);
            assertThat(source[0]).isEqualTo(server.udpAddress());
            sendEcho(subscriber, server, 1, 9);
            assertThat(answered(subscriber, 9)).isTrue();
            subscriber.close(); // now dead: the next events draw port unreachable
            for (int seq = 2; seq <= 50 && !within(Duration.ofMillis(200), () -> !reported.isEmpty()); seq++) {
                server.sendEventUdp(event(seq), endpoint, false);
            }
            assertThat(reported).containsExactly(endpoint);
        }
    }

    @Test
    @DisplayName("feat_req_someip_49: a request from another client read by a subscriber's socket (the kernel can "
            + "steer one there between the socket's bind and its connect) is answered, from the server's endpoint")
    void requestReadBySubscriberSocketIsAnswered() throws Exception {
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = server(runtime, EndpointOptions.defaults());
             DatagramSocket subscriber = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress endpoint = subscribe(server, subscriber);
            client.setSoTimeout(10_000);
            Channel socket = server.subscriberSocket(endpoint);
            // What the kernel hands the socket when it steers the client's datagram there.
            socket.eventLoop().execute(() -> readEcho(socket, server.udpAddress(),
                    (InetSocketAddress) client.getLocalSocketAddress(), 42));
            byte[] buffer = new byte[2048];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            client.receive(answer);
            assertThat(answer.getSocketAddress()).as("answered from the server's endpoint")
                    .isEqualTo(server.udpAddress());
            assertThat(buffer[14]).as("a RESPONSE").isEqualTo((byte) 0x80);
            assertThat(ByteBuffer.wrap(buffer).getShort(10)).as("session").isEqualTo((short) 7);
            assertThat(ByteBuffer.wrap(buffer).getInt(16)).as("the payload echoed").isEqualTo(42);
            // Nothing went to the subscriber instead: the first datagram it gets is the next event.
            assertThat(server.sendEventUdp(event(1), endpoint, true)).isTrue();
            assertThat(receive(subscriber, new InetSocketAddress[1])).containsExactly(EVENT, 1);
        }
    }

    @Test
    @DisplayName("feat_req_someip_49: the answer to a subscriber's request that outlives its subscription's socket "
            + "(a slow method) leaves through the server's socket, from the same endpoint")
    void answerAfterTheSocketClosedIsSent() throws Exception {
        CompletableFuture<io.netty.buffer.ByteBuf> slow = new CompletableFuture<>();
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", 0, -1, EndpointOptions.defaults());
             DatagramSocket subscriber = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            server.register(ServiceDefinition.builder(SERVICE, 1, 1).method(ECHO, request -> slow).build());
            InetSocketAddress endpoint = subscribe(server, subscriber);
            sendEcho(subscriber, server, 1, 5);
            server.subscriberRemoved(endpoint, null);
            Await.until("the subscriber's socket is closed", Duration.ofSeconds(10),
                    () -> server.subscriberSockets() == 0);
            slow.complete(Unpooled.buffer(4).writeInt(5));
            byte[] buffer = new byte[64];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            subscriber.receive(answer);
            assertThat(answer.getSocketAddress()).isEqualTo(server.udpAddress());
            assertThat(buffer[14]).as("a RESPONSE").isEqualTo((byte) 0x80);
            assertThat(ByteBuffer.wrap(buffer).getInt(16)).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("a churn of subscribers leaves at most 64 sockets outliving their subscriptions (file descriptors)")
    void churnKeepsFewSocketsClosing() throws Exception {
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = server(runtime, EndpointOptions.defaults())) {
            for (int i = 0; i < 200; i++) {
                try (DatagramSocket subscriber = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                    InetSocketAddress endpoint = (InetSocketAddress) subscriber.getLocalSocketAddress();
                    server.subscriberAdded(endpoint, null);
                    server.subscriberRemoved(endpoint, null);
                }
            }
            server.udpEventLoop().submit(() -> { }).get(10, TimeUnit.SECONDS); // the removals are done
            assertThat(server.subscriberSockets()).isLessThanOrEqualTo(SubscriberSockets.MAX_CLOSING);
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    @DisplayName("feat_req_someipsd_691: a subscription's socket is connected when subscriberAdded's stage completes "
            + "(the Ack waits for it), so the request a subscriber sends on its Ack finds it ready and is answered")
    void socketIsConnectedBeforeTheAck(NettyTransport transport) throws Exception {
        EachTransportTest.requireAvailable(transport);
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 2);
             SomeIpServer server = server(runtime, EndpointOptions.defaults())) {
            for (int i = 0; i < 20; i++) {
                try (DatagramSocket subscriber = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                    subscriber.setSoTimeout(10_000);
                    InetSocketAddress endpoint = (InetSocketAddress) subscriber.getLocalSocketAddress();
                    server.subscriberAdded(endpoint, null).get(10, TimeUnit.SECONDS);
                    Channel socket = server.subscriberSocket(endpoint);
                    assertThat(socket).as("subscriber %d's socket", i).isNotNull();
                    assertThat(socket.isActive()).as("subscriber %d's socket connected", i).isTrue();
                    sendEcho(subscriber, server, 1, i);
                    assertThat(answered(subscriber, i)).as("subscriber %d's request answered", i).isTrue();
                    server.subscriberRemoved(endpoint, null);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    @DisplayName("feat_req_someip_49: no client's request is lost while subscriber sockets open and close on the "
            + "server's port (one that took requests while it connected had them discarded by the JDK's connect)")
    void requestsSurviveSubscriberSocketsOpening(NettyTransport transport) throws Exception {
        EachTransportTest.requireAvailable(transport);
        org.junit.jupiter.api.Assumptions.assumeTrue(transport.isNative() || ipv6SocketsOpen(),
                "the JDK refuses IPv6 sockets here: NIO's subscriber sockets join the port's group, where one that "
                        + "connects can still lose a request (the documented fallback)");
        List<DatagramSocket> clients = new java.util.ArrayList<>();
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 2);
             SomeIpServer server = server(runtime, EndpointOptions.defaults())) {
            // Clients on several ports: the kernel picks among same-port sockets by a hash of the sender.
            for (int i = 0; i < 16; i++) {
                DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                client.setSoTimeout(1_000);
                clients.add(client);
            }
            java.util.concurrent.atomic.AtomicBoolean requesting = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
            Thread subscribers = new Thread(() -> {
                try {
                    while (requesting.get() && opened.get() < 3_000) {
                        try (DatagramSocket subscriber = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                            InetSocketAddress endpoint = (InetSocketAddress) subscriber.getLocalSocketAddress();
                            server.subscriberAdded(endpoint, null).get(10, TimeUnit.SECONDS); // connected
                            server.subscriberRemoved(endpoint, null);
                            opened.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "subscribers");
            subscribers.start();
            List<Integer> lost = new java.util.ArrayList<>();
            int sent = 0;
            // One request at a time while the sockets open and close, until three went unanswered.
            for (; sent < 10_000 && lost.size() < 3; sent++) {
                DatagramSocket client = clients.get(sent % clients.size());
                sendEcho(client, server, sent, sent);
                if (!answered(client, sent)) {
                    lost.add(sent);
                }
            }
            requesting.set(false);
            subscribers.join();
            System.out.println(sent + " requests while " + opened.get() + " subscriber sockets opened and closed");
            assertThat(lost).as("requests unanswered of %d sent", sent).isEmpty();
        } finally {
            clients.forEach(DatagramSocket::close);
        }
    }

    /** Whether the JDK opens IPv6 sockets here (it refuses them where IPv6 is disabled). */
    static boolean ipv6SocketsOpen() {
        try {
            java.nio.channels.DatagramChannel.open(java.net.StandardProtocolFamily.INET6).close();
            return true;
        } catch (UnsupportedOperationException | java.io.IOException e) {
            return false;
        }
    }

    /** Whether the answer carrying {@code payload} arrives within the socket's timeout (older ones are skipped). */
    static boolean answered(DatagramSocket client, int payload) throws java.io.IOException {
        byte[] buffer = new byte[64];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        try {
            do {
                client.receive(answer);
            } while (answer.getLength() < 20 || ByteBuffer.wrap(buffer).getInt(16) != payload);
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    @DisplayName("feat_req_someip_49: an answer leaves after the events published before its request was read, "
            + "even when they still wait in the event loop's queue (a getter's answer is never older than them)")
    void answerFollowsEventsQueuedBeforeTheRequest() throws Exception {
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = server(runtime, EndpointOptions.defaults());
             DatagramSocket subscriber = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress endpoint = subscribe(server, subscriber);
            Channel socket = server.subscriberSocket(endpoint);
            // In one turn of the loop: events published (queued behind this task, as from an application thread
            // while the loop reads), then the subscriber's request read and answered.
            socket.eventLoop().execute(() -> {
                for (int seq = 1; seq <= 3; seq++) {
                    server.sendEventUdp(event(seq), endpoint, true);
                }
                readEcho(socket, server.udpAddress(), endpoint, 99);
            });
            InetSocketAddress[] source = new InetSocketAddress[1];
            List<Integer> order = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                order.add(receive(subscriber, source)[1]);
            }
            assertThat(order).as("payloads in arrival order: the three events, then the answer's 99")
                    .containsExactly(1, 2, 3, 99);
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    @DisplayName("a subscriber endpoint that answers with ICMP port unreachable is reported once and counted")
    void unreachableSubscriberIsReported(NettyTransport transport) throws Exception {
        EachTransportTest.requireAvailable(transport);
        EndpointOptions options = EndpointOptions.defaults();
        List<InetSocketAddress> reported = new CopyOnWriteArrayList<>();
        try (SomeIpRuntime runtime = new SomeIpRuntime(transport, 2);
             SomeIpServer server = server(runtime, options)) {
            InetSocketAddress dead;
            try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                dead = (InetSocketAddress) gone.getLocalSocketAddress();
            }
            server.onSubscriberUnreachable(reported::add);
            server.subscriberAdded(dead, null);
            Await.until("the subscriber's socket is open", Duration.ofSeconds(10),
                    () -> server.subscriberSockets() == 1);
            // Each event draws a port unreachable; the socket reports the error on its next read or write.
            for (int seq = 1; seq <= 50 && !within(Duration.ofMillis(200), () -> !reported.isEmpty()); seq++) {
                server.sendEventUdp(event(seq), dead, false);
            }
            Await.until("the dead endpoint reported", Duration.ofSeconds(10), () -> !reported.isEmpty());
            assertThat(reported).containsExactly(dead);
            assertThat(options.refusals().count(EndpointRefusal.SUBSCRIBER_UNREACHABLE)).isEqualTo(1);
        }
    }

    /** Whether {@code condition} holds within {@code timeout} (polled: no event announces it). */
    static boolean within(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    @Test
    @DisplayName("events for a subscriber whose queue is over its high watermark are dropped and counted, not queued")
    void fullQueueDropsEvents() throws Exception {
        EndpointOptions options = EndpointOptions.defaults().withSubscriberQueueBytes(64);
        try (SomeIpRuntime runtime = new SomeIpRuntime(1);
             SomeIpServer server = server(runtime, options);
             DatagramSocket subscriber = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress endpoint = subscribe(server, subscriber);
            // Hold the server's only event loop: what is sent meanwhile waits in the subscriber's queue.
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            server.udpEventLoop().execute(() -> {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            int sent = 0;
            for (int seq = 1; seq <= 100; seq++) {
                if (server.sendEventUdp(event(seq), endpoint, false)) {
                    sent++;
                }
            }
            release.countDown();
            // A 20-byte event is queued while the queue is under 64 bytes: the first few, the rest dropped.
            assertThat(sent).isBetween(1, 4);
            assertThat(options.refusals().count(EndpointRefusal.EVENT_DROPPED_QUEUE_FULL)).isEqualTo(100 - sent);
            InetSocketAddress[] source = new InetSocketAddress[1];
            for (int seq = 1; seq <= sent; seq++) {
                assertThat(receive(subscriber, source)[1]).isEqualTo(seq);
            }
        }
    }

    /** Counts the SOME/IP messages read from {@code socket} until it closes. */
    static java.util.concurrent.atomic.AtomicInteger readEvents(Socket socket) {
        java.util.concurrent.atomic.AtomicInteger events = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            try {
                java.io.InputStream in = socket.getInputStream();
                while (true) {
                    byte[] header = in.readNBytes(16);
                    if (header.length < 16) {
                        return;
                    }
                    int length = ByteBuffer.wrap(header).getInt(4);
                    if (in.readNBytes(length - 8).length < length - 8) {
                        return;
                    }
                    if ((ByteBuffer.wrap(header).getShort(2) & 0xFFFF) == EVENT) {
                        events.incrementAndGet();
                    }
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        }, "tcp-subscriber-reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    @Test
    @DisplayName("a TCP subscriber that never reads loses events, counted, once its queue is over the watermark; "
            + "what the server queues for it stays within the watermark and another subscriber receives every event")
    void tcpSubscriberThatStopsReading() throws Exception {
        EndpointOptions options = EndpointOptions.defaults();
        int watermark = options.subscriberQueueBytes();
        byte[] payload = new byte[4096];
        int eventBytes = 16 + payload.length;
        int batch = watermark / eventBytes / 2; // what the reading subscriber may have on its way: half its queue
        try (SomeIpRuntime runtime = new SomeIpRuntime(2);
             SomeIpServer server = SomeIpServer.start(runtime, "127.0.0.1", -1, 0, options);
             Socket stalled = new Socket();
             Socket reading = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.bind(new InetSocketAddress("127.0.0.66", 0));
            stalled.connect(server.tcpAddress(), 10_000);
            reading.bind(new InetSocketAddress("127.0.0.2", 0));
            reading.connect(server.tcpAddress(), 10_000);
            java.util.concurrent.atomic.AtomicInteger received = readEvents(reading);
            InetSocketAddress stalledPeer = (InetSocketAddress) stalled.getLocalSocketAddress();
            InetSocketAddress readingPeer = (InetSocketAddress) reading.getLocalSocketAddress();
            Await.until("both connections accepted", Duration.ofSeconds(10), () -> server.tcpConnections().size() == 2);
            server.subscriberAdded(null, stalledPeer);
            server.subscriberAdded(null, readingPeer);
            io.netty.channel.Channel stalledConnection = server.tcpConnections().stream()
                    .filter(c -> c.remoteAddress().equals(stalledPeer)).findFirst().orElseThrow();

            // Batches until the stalled subscriber has lost events: first the kernel's buffers fill
            // (a few MiB on loopback), then its queue; the reading one is waited for after each batch.
            int sent = 0;
            long maxQueued = 0;
            for (int round = 0; options.refusals().count(EndpointRefusal.EVENT_DROPPED_QUEUE_FULL) < 100; round++) {
                assertThat(round).as("batches before the stalled subscriber's queue filled").isLessThan(20_000);
                for (int i = 0; i < batch; i++) {
                    server.sendTcp(event(sent, payload), stalledPeer);
                    assertThat(server.sendTcp(event(sent, payload), readingPeer)).as("event %d to the reading one", sent)
                            .isTrue();
                    sent++;
                }
                int expected = sent;
                Await.until("the reading subscriber got event " + expected, Duration.ofSeconds(10),
                        () -> received.get() == expected);
                maxQueued = Math.max(maxQueued, stalledConnection.unsafe().outboundBuffer().totalPendingWriteBytes());
                // A write is taken while the queue is under the watermark: it may end over it by one event
                // (and the 32 bytes Netty counts for a write task handed to the event loop).
                assertThat(maxQueued).as("bytes queued for the stalled subscriber after %d events", sent)
                        .isLessThanOrEqualTo(watermark + eventBytes + 64);
            }
            long dropped = options.refusals().count(EndpointRefusal.EVENT_DROPPED_QUEUE_FULL);
            assertThat(received.get()).as("events the reading subscriber got of %d", sent).isEqualTo(sent);
            assertThat(dropped).as("events dropped for the stalled one").isBetween(100L, (long) sent);
            assertThat(stalledConnection.isActive()).as("the stalled connection is kept; its events are dropped")
                    .isTrue();
        }
    }

    static SomeIpMessage event(int seq, byte[] payload) {
        return SomeIpMessage.builder(SERVICE, EVENT, MessageType.NOTIFICATION).interfaceVersion(1)
                .payload(Unpooled.wrappedBuffer(payload)).build();
    }
}
