package io.vehicle.someip.runtime;

import io.netty.channel.EventLoopGroup;
import io.vehicle.someip.transport.NettyTransport;
import java.util.concurrent.TimeUnit;

/** The event loops that every endpoint of a process shares; one per core by default. */
public final class SomeIpRuntime implements AutoCloseable {

    private final NettyTransport transport;
    private final EventLoopGroup group;

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

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
