package io.vehicle.someip.runtime;

import io.netty.channel.EventLoopGroup;
import io.vehicle.someip.transport.NettyTransport;
import io.vehicle.someip.transport.TransportChoice;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The event loops that every endpoint of a process shares; one per core by default. */
public final class SomeIpRuntime implements AutoCloseable {

    private final TransportChoice choice;
    private final EventLoopGroup group;
    /** Connects and closes on behalf of SD callbacks, which must never block an event loop. */
    private final ExecutorService control = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "someip-control");
        thread.setDaemon(true);
        return thread;
    });

    public SomeIpRuntime() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** The transport the system property {@code vehicle.transport} asks for (default auto). */
    public SomeIpRuntime(int threads) {
        this(System.getProperty("vehicle.transport"), threads);
    }

    /**
     * {@code transport}: auto (or null), io_uring, epoll or nio, with fallback (see {@link TransportChoice});
     * for auto the system property {@code vehicle.transport}, when set, decides (a whole process,
     * child JVMs of the benchmarks included, switched with one JVM option).
     */
    public SomeIpRuntime(String transport, int threads) {
        String property = System.getProperty("vehicle.transport");
        boolean auto = transport == null || NettyTransport.parse(transport) == null;
        TransportChoice chosen = TransportChoice.of(auto && property != null ? property : transport);
        EventLoopGroup loops = null;
        while (loops == null) {
            try {
                loops = start(chosen.transport(), threads);
            } catch (RuntimeException e) {
                if (chosen.transport() == NettyTransport.NIO) {
                    throw e;
                }
                chosen = chosen.after(chosen.transport(), e);
            }
        }
        this.choice = chosen;
        this.group = loops;
    }

    /** Exactly this transport, no fallback (tests of each transport). */
    public SomeIpRuntime(NettyTransport transport, int threads) {
        this.choice = TransportChoice.choose(transport, t -> null);
        this.group = start(transport, threads);
    }

    /**
     * Creates the event loops and runs a task on one, so that a kernel refusing the transport (an
     * io_uring ring it will not set up) shows here, where we can still fall back.
     */
    private static EventLoopGroup start(NettyTransport transport, int threads) {
        EventLoopGroup loops = transport.newEventLoopGroup(threads);
        io.netty.util.concurrent.Future<?> probe = loops.next().submit(() -> { });
        if (!probe.awaitUninterruptibly(10, TimeUnit.SECONDS) || !probe.isSuccess()) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("the event loops of " + transport.configName() + " did not start",
                    probe.cause());
        }
        return loops;
    }

    public NettyTransport transport() {
        return choice.transport();
    }

    /** The transport with the reason it was chosen (a fallback says what was refused). */
    public TransportChoice transportChoice() {
        return choice;
    }

    public EventLoopGroup group() {
        return group;
    }

    /** One thread, in order, for work that may block (connecting, closing). */
    public ExecutorService control() {
        return control;
    }

    @Override
    public void close() {
        control.shutdown();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
