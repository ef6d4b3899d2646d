package io.vehicle.someip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.vehicle.someip.wire.MessageType;
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
 *
 * <p>A message without the TP flag whose Length announces more than {@code maxMessageSize} bytes
 * is refused as {@link WireError#LENGTH_OVER_MAXIMUM}, counted and logged: feat_req_someip_318 keeps
 * UDP messages to 1400 bytes of payload, larger ones go over TCP or SOME/IP-TP. The header is read
 * even when the datagram was cut short by the receive buffer, so an oversized message is reported
 * as such and not as a broken length.
 */
public final class UdpSomeIpDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final InboundErrors errors;
    private final long maxMessageSize;

    /** No maximum beyond the datagram itself (the SD sockets). */
    public UdpSomeIpDecoder(InboundErrors errors) {
        this(errors, Long.MAX_VALUE);
    }

    /** @param maxMessageSize the largest non-TP message accepted, header included */
    public UdpSomeIpDecoder(InboundErrors errors, long maxMessageSize) {
        super(DatagramPacket.class);
        this.errors = errors;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf in = packet.content();
        InetSocketAddress sender = packet.sender();
        while (in.isReadable()) {
            if (oversized(in, sender)) {
                return;
            }
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

    /** Refuses a non-TP message over the maximum; true when the rest of the datagram cannot be read. */
    private boolean oversized(ByteBuf in, InetSocketAddress sender) {
        if (in.readableBytes() < SomeIpCodec.HEADER_SIZE) {
            return false;
        }
        int start = in.readerIndex();
        long announced = SomeIpCodec.announcedSize(in, start);
        boolean tp = (in.getUnsignedByte(start + SomeIpCodec.MESSAGE_TYPE_OFFSET) & MessageType.TP_FLAG) != 0;
        if (tp || announced <= maxMessageSize) {
            return false;
        }
        errors.record(sender, WireError.LENGTH_OVER_MAXIMUM, String.format("UDP message of %d bytes for service "
                        + "0x%04X method 0x%04X over the maximum of %d without SOME/IP-TP (feat_req_someip_318)",
                announced, in.getUnsignedShort(start), in.getUnsignedShort(start + 2), maxMessageSize));
        if (announced > in.readableBytes()) {
            return true;
        }
        in.skipBytes((int) announced);
        return false;
    }
}
