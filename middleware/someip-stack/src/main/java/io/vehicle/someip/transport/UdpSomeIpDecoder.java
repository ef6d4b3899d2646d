package io.vehicle.someip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireError;
import io.vehicle.someip.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Splits a UDP datagram into the SOME/IP messages it carries (feat_req_someip_584: several
 * messages per datagram) and emits each with its sender. A message with an unknown type is skipped
 * by its length; a broken length ends the datagram, since nothing after it can be located.
 */
public final class UdpSomeIpDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final InboundErrors errors;

    public UdpSomeIpDecoder(InboundErrors errors) {
        super(DatagramPacket.class);
        this.errors = errors;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf in = packet.content();
        InetSocketAddress sender = packet.sender();
        while (in.isReadable()) {
            try {
                SomeIpMessage message = SomeIpCodec.decode(in);
                out.add(new DefaultAddressedEnvelope<>(message, packet.recipient(), sender));
            } catch (WireFormatException e) {
                errors.record(sender, e);
                if (e.error() != WireError.UNKNOWN_MESSAGE_TYPE) {
                    return;
                }
            }
        }
    }
}
