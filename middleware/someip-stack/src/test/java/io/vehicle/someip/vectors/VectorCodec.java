package io.vehicle.someip.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One protocol layer as the golden vector runner drives it: bytes to tree and tree to bytes. */
public interface VectorCodec {

    /** Decodes the datagrams with our decoder into the tree form of the suite. */
    JsonNode decode(List<byte[]> datagrams, JsonNode arguments) throws Exception;

    /** Encodes a tree with our encoder into datagrams. */
    List<byte[]> encode(JsonNode decoded, JsonNode arguments) throws Exception;

    /**
     * The tree as {@link #decode} writes it, for trees with several spellings of one value
     * (protobuf text: {@code 0x12} and {@code 18}); most layers have one.
     */
    default JsonNode canonical(JsonNode decoded, JsonNode arguments) throws Exception {
        return decoded;
    }
}
