package io.vehicle.someip.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.tp.TpHeader;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.someip.wire.WireFormatException;
import java.util.HexFormat;

/**
 * The tree form of one SOME/IP message shared by the suites: the header fields of
 * feat_req_someip_45 (Length as decoded), the SOME/IP-TP header of a segment ({@code tp}, offset in
 * bytes) and the payload as hex. SD trees use the header without the payload.
 */
public final class MessageTree {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageTree() {
    }

    /** The header fields, the TP header of a segment, and the payload unless {@code withPayload} is false. */
    public static ObjectNode of(SomeIpMessage message, boolean withPayload) throws WireFormatException {
        ObjectNode tree = JSON.createObjectNode();
        tree.put("serviceId", message.serviceId());
        tree.put("methodId", message.methodId());
        tree.put("length", message.length());
        tree.put("clientId", message.clientId());
        tree.put("sessionId", message.sessionId());
        tree.put("protocolVersion", message.protocolVersion());
        tree.put("interfaceVersion", message.interfaceVersion());
        tree.put("messageType", message.messageType().value());
        tree.put("returnCode", message.returnCode());
        if (message.messageType().isTp()) {
            // feat_req_someiptp_766: the TP header leads the payload of a segment; we keep it there.
            TpHeader header = TpHeader.read(message.payload().duplicate());
            ObjectNode tp = tree.putObject("tp");
            tp.put("offset", header.byteOffset());
            tp.put("moreSegments", header.moreSegments());
        }
        if (withPayload) {
            tree.put("payload", ByteBufUtil.hexDump(message.payload()));
        }
        return tree;
    }

    /**
     * The message a tree describes, with its payload (TP header included for a segment). Length and
     * tp are not read: they follow from the payload, and decoding checks them.
     */
    public static SomeIpMessage toMessage(JsonNode tree) {
        int type = tree.get("messageType").asInt();
        MessageType messageType = MessageType.fromValue(type);
        if (messageType == null) {
            throw new IllegalArgumentException("message type 0x" + Integer.toHexString(type) + " is not one we send");
        }
        ByteBuf payload = Unpooled.wrappedBuffer(HexFormat.of().parseHex(tree.path("payload").asText("")));
        return SomeIpMessage.builder(tree.get("serviceId").asInt(), tree.get("methodId").asInt(), messageType)
                .clientId(tree.get("clientId").asInt())
                .sessionId(tree.get("sessionId").asInt())
                .protocolVersion(tree.get("protocolVersion").asInt())
                .interfaceVersion(tree.get("interfaceVersion").asInt())
                .returnCode(tree.get("returnCode").asInt())
                .payload(payload)
                .build();
    }
}
