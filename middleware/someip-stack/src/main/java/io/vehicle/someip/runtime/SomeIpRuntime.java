package io.vehicle.someip.runtime;

import io.netty.channel.EventLoopGroup;
import io.vehicle.someip.transport.NettyTransport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The event loops that every endpoint of a process shares; one per core by default. */
public final class SomeIpRuntime implements AutoCloseable {

    private final NettyTransport transport;
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

    public SomeIpRuntime(int threads) {
        this(NettyTransport.best(), threads);
    }

    public SomeIpRuntime(NettyTransport transport, int threads) {
        this.transport = transport;
        this.group = transport.newEventLoopGroup(threads);
    }

    public NettyTransport transport() {
        return transport;
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
