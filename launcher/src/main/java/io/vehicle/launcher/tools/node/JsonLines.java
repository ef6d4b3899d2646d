package io.vehicle.launcher.tools.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * What {@code vehicle node} prints: one JSON object per line, written by Jackson and flushed, so any
 * text in it (a peer name, an error message with quotes, backslashes or line breaks) stays one valid
 * JSON line. Non-ASCII characters are escaped, so the lines read the same whatever the console's
 * encoding. Safe to use from several threads: lines never interleave.
 */
final class JsonLines {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final PrintStream out;

    JsonLines(PrintStream out) {
        this.out = out;
    }

    /** A new line {"event": name}, for the caller to add its fields to and {@link #print}. */
    ObjectNode event(String name) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("event", name);
        return line;
    }

    void print(ObjectNode line) {
        String text;
        try {
            text = MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + line.get("event"), e);
        }
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
