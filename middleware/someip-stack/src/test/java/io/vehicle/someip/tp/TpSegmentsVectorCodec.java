package io.vehicle.someip.tp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vehicle.someip.vectors.MessageTree;
import io.vehicle.someip.vectors.VectorCodec;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The segmentation suite through {@link TpReassembler} and {@link TpSegmenter}: segments (one
 * datagram each, in sending order) to the original message and what each segment said, and the
 * original message back to segments. The reassembler must deliver exactly at the last segment and
 * hold nothing afterwards; every buffer is released before returning.
 */
final class TpSegmentsVectorCodec implements VectorCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 30501);
    private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

    @Override
    public JsonNode decode(List<byte[]> datagrams, JsonNode arguments) throws Exception {
        ObjectNode tree = JSON.createObjectNode();
        ArrayNode segments = JSON.createArrayNode();
        SomeIpMessage whole = null;
        try (TpReassembler reassembler = new TpReassembler(TpReassemblerConfig.defaults(), ALLOC)) {
            for (int i = 0; i < datagrams.size(); i++) {
                if (whole != null) {
                    throw new AssertionError("the message completed before its last segment, at segment " + i);
                }
                ByteBuf wire = Unpooled.wrappedBuffer(datagrams.get(i));
                try {
                    SomeIpMessage segment = SomeIpCodec.decode(wire);
                    if (wire.isReadable()) {
                        segment.release();
                        throw new IllegalArgumentException("segment " + i + " is not alone in its datagram");
                    }
                    segments.add(segment(segment));
                    whole = reassembler.offer(PEER, segment, 0); // takes the segment
                } finally {
                    wire.release();
                }
            }
            if (whole == null) {
                throw new AssertionError("the segments did not complete a message");
            }
            if (reassembler.bufferedBytes() != 0 || reassembler.activeReassemblies() > 1) {
                throw new AssertionError("the reassembler still holds " + reassembler.bufferedBytes() + " bytes");
            }
            tree.set("message", MessageTree.of(whole, true));
            tree.set("segments", segments);
            return tree;
        } finally {
            if (whole != null) {
                whole.release();
            }
        }
    }

    private static ObjectNode segment(SomeIpMessage segment) throws Exception {
        ObjectNode tp = MessageTree.of(segment, false);
        ObjectNode tree = JSON.createObjectNode();
        tree.set("messageType", tp.get("messageType"));
        tree.set("offset", tp.get("tp").get("offset"));
        tree.set("moreSegments", tp.get("tp").get("moreSegments"));
        tree.put("length", segment.payload().readableBytes() - TpHeader.SIZE);
        return tree;
    }

    @Override
    public List<byte[]> encode(JsonNode decoded, JsonNode arguments) {
        SomeIpMessage whole = MessageTree.toMessage(decoded.get("message"));
        List<SomeIpMessage> segments = TpSegmenter.segment(whole, ALLOC);
        whole.release(); // the segments hold retained slices of its payload
        List<byte[]> datagrams = new ArrayList<>();
        for (SomeIpMessage segment : segments) {
            ByteBuf wire = SomeIpCodec.encode(segment, ALLOC);
            try {
                datagrams.add(ByteBufUtil.getBytes(wire));
            } finally {
                wire.release();
                segment.release();
            }
        }
        return datagrams;
    }
}
