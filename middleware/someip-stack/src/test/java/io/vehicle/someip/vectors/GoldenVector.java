package io.vehicle.someip.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.List;

/**
 * One golden vector: bytes on the wire on one side, the tree they mean on the other (PLC4X's
 * parser/serializer test cases), with the requirements it shows and where it comes from.
 *
 * @param name         unique in its suite, says what the vector shows
 * @param requirements ids of the Open SOME/IP specification (SPEC-INDEX.md)
 * @param source       {@code scapy X.Y.Z}, {@code spec example <id>}, {@code capture <file>} or {@code ours}
 * @param arguments    what the decoder must be told besides the bytes (a message type), or an empty object
 * @param hex          the datagrams, lowercase hex
 * @param decoded      the tree
 * @param encodesTo    what we write for {@code decoded} when it is not {@code hex}: input a receiver
 *                     tolerates (padding, reserved bits, an empty last segment) that a sender never
 *                     writes; null when encoding gives {@code hex}
 */
public record GoldenVector(String name, List<String> requirements, String source, JsonNode arguments,
                           List<String> hex, JsonNode decoded, List<String> encodesTo) {

    /** Broken input has no encoding: its tree lists the errors the decoder reports. */
    public boolean encodable() {
        return !decoded.has("errors");
    }

    /** The datagrams an encoder must produce from {@link #decoded()}. */
    public List<String> expectedEncoding() {
        return encodesTo != null ? encodesTo : hex;
    }

    public List<byte[]> datagrams() {
        return hex.stream().map(HexFormat.of()::parseHex).toList();
    }

    @Override
    public String toString() {
        return name + " " + requirements + " (" + source + ")";
    }
}
