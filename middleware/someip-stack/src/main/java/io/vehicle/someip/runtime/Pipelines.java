package io.vehicle.someip.runtime;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.vehicle.someip.transport.BurstFlushHandler;
import io.vehicle.someip.transport.DatagramReads;
import io.vehicle.someip.transport.InboundErrors;
import io.vehicle.someip.transport.OutboundFilterHandler;
import io.vehicle.someip.transport.TrafficHooks;
import io.vehicle.someip.transport.TrafficTapHandler;
import io.vehicle.someip.transport.TcpSomeIpEncoder;
import io.vehicle.someip.transport.TcpSomeIpFrameDecoder;
import io.vehicle.someip.transport.UdpSomeIpDecoder;
import io.vehicle.someip.transport.UdpSomeIpEncoder;
import io.vehicle.someip.transport.UdpTpReassemblyHandler;
import io.vehicle.someip.transport.UdpTpSegmentationHandler;

/** The handler chains of SOME/IP channels, in one place so servers and clients build them alike. */
final class Pipelines {

    private Pipelines() {
    }

    static void udp(ChannelPipeline pipeline, EndpointOptions options, InboundErrors errors, InboundSink sink) {
        // Whole datagrams as large as we accept or send, and one read per datagram outside bursts where the
        // loop selects level-triggered (not io_uring, which completes reads).
        pipeline.channel().config().setRecvByteBufAllocator(new DatagramReads(
                Math.max(options.maxUdpMessageSize(), options.maxDatagramSize()),
                !(pipeline.channel() instanceof IoUringDatagramChannel)));
        pipeline.addLast("someip-udp-decoder", new UdpSomeIpDecoder(errors, options.maxUdpMessageSize()));
        pipeline.addLast("someip-tp-reassembly", new UdpTpReassemblyHandler(options.tpReassembly(), errors,
                options.refusals()));
        pipeline.addLast("someip-udp-encoder", new UdpSomeIpEncoder(options.maxDatagramSize()));
        pipeline.addLast("someip-tp-segmentation", new UdpTpSegmentationHandler(options.tpSegmentPayload()));
        // A lone answer leaves at once; the answers to the rest of a read burst leave together, packed per peer.
        pipeline.addLast("burst-flush", new BurstFlushHandler(64));
        pipeline.addLast("someip-inbound", new SomeIpInboundHandler(sink, errors));
        traffic(pipeline, options.traffic());
    }

    static void tcp(ChannelPipeline pipeline, boolean server, EndpointOptions options, InboundErrors errors,
                    InboundSink sink) {
        pipeline.addLast("someip-tcp-framer", new TcpSomeIpFrameDecoder(options.maxTcpMessageSize(), errors,
                server ? options.tcp().frameTimeoutMillis() : 0, options.refusals(), server ? options.tcpBuffers() : null));
        pipeline.addLast("someip-tcp-encoder", new TcpSomeIpEncoder(server, options.cookieIntervalNanos()));
        pipeline.addLast("burst-flush", new BurstFlushHandler(64));
        pipeline.addLast("someip-inbound", new SomeIpInboundHandler(sink, errors));
        traffic(pipeline, options.traffic());
    }

    /**
     * The optional hooks: the tap next to the socket (it sees the bytes on the wire), the filter in front
     * of the inbound handler (it sees messages before they are encoded, answers included). Nothing is
     * added without hooks.
     */
    static void traffic(ChannelPipeline pipeline, TrafficHooks hooks) {
        if (hooks.tap() != null) {
            pipeline.addFirst("traffic-tap", new TrafficTapHandler(hooks.tap()));
        }
        if (hooks.filter() != null) {
            pipeline.addBefore("someip-inbound", "outbound-filter", new OutboundFilterHandler(hooks.filter()));
        }
    }
}
