package io.vehicle.launcher.tools.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.vehicle.someip.runtime.SomeIpRuntime;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Netty floor's clients: the same closed loop as the stack's and the bare sockets' (N requests
 * of S bytes outstanding, each answer sends the next from the event loop), over a plain Netty
 * channel of the stack's transport and event loop, with no SOME/IP. Each request carries its send
 * time, which {@link NettyEchoes} returns.
 */
final class NettyClients {

    private NettyClients() {
    }

    static LatencyResult udp(SomeIpRuntime runtime, InetSocketAddress echo, int outstanding, int size,
                             Duration warmup, Duration measure, CpuWindow cpu) throws InterruptedException {
        Loop loop = new Loop(Math.max(Long.BYTES, size));
        Channel channel = new Bootstrap().group(runtime.group()).channel(runtime.transport().datagramChannel())
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        if (loop.answered(packet.content())) {
                            ctx.writeAndFlush(new DatagramPacket(loop.request(ctx.alloc()), echo));
                        }
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        try {
            channel.eventLoop().submit(() -> {
                for (int i = 0; i < outstanding; i++) {
                    channel.writeAndFlush(new DatagramPacket(loop.request(channel.alloc()), echo));
                }
            }).sync();
            return loop.measure("netty UDP", outstanding, warmup, measure, cpu);
        } finally {
            channel.close().sync();
        }
    }

    static LatencyResult tcp(SomeIpRuntime runtime, InetSocketAddress echo, int outstanding, int size,
                             Duration warmup, Duration measure, CpuWindow cpu) throws InterruptedException {
        Loop loop = new Loop(Math.max(Long.BYTES, size));
        Channel channel = new Bootstrap().group(runtime.group()).channel(runtime.transport().socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new FixedLengthFrameDecoder(loop.length),
                                new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf answer) {
                                        if (loop.answered(answer)) {
                                            ctx.writeAndFlush(loop.request(ctx.alloc()));
                                        }
                                    }
                                });
                    }
                }).connect(echo).sync().channel();
        try {
            channel.eventLoop().submit(() -> {
                for (int i = 0; i < outstanding; i++) {
                    channel.writeAndFlush(loop.request(channel.alloc()));
                }
            }).sync();
            return loop.measure("netty TCP", outstanding, warmup, measure, cpu);
        } finally {
            channel.close().sync();
        }
    }

    /** The closed loop's bookkeeping, touched only on the event loop between begin and end of a run. */
    private static final class Loop {
        private final int length;
        private final RecordingWindow window = new RecordingWindow();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile boolean running = true;
        private int inFlight;

        Loop(int length) {
            this.length = length;
        }

        ByteBuf request(io.netty.buffer.ByteBufAllocator alloc) {
            inFlight++;
            ByteBuf request = alloc.directBuffer(length);
            request.writeLong(System.nanoTime()).writeZero(length - Long.BYTES);
            return request;
        }

        /** Records one answer; says whether to send the next. */
        boolean answered(ByteBuf answer) {
            long latency = System.nanoTime() - answer.getLong(answer.readerIndex());
            inFlight--;
            window.answered(latency);
            if (!running) {
                if (inFlight == 0) {
                    stopped.countDown();
                }
                return false;
            }
            return true;
        }

        LatencyResult measure(String kind, int outstanding, Duration warmup, Duration measure, CpuWindow cpu)
                throws InterruptedException {
            LatencyResult result = window.run(kind + ", " + outstanding + " outstanding", warmup, measure, cpu);
            running = false;
            // A datagram lost on loopback would leave its slot empty; the close below ends the run anyway.
            stopped.await(5, TimeUnit.SECONDS);
            return result;
        }
    }
}
