package io.vehicle.assistant.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's append-only audit trail: one JSON object per line, every step of every request under the request's
 * correlation id (utterance, what the engine understood and which engine it was, the policy's decisions, the
 * questions and answers, the writes and their results, the reply, and the timings). The file is opened for
 * appending only, and each line is written and flushed whole under a lock, so lines of concurrent requests never
 * interleave and a crash loses at most the line being written.
 *
 * <p>A failing disk must not take the car's assistant down: a line that cannot be written is counted and logged,
 * and the request goes on.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final Path file;
    private final OutputStream out;
    private final Clock clock;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private AuditLog(Path file, OutputStream out, Clock clock) {
        this.file = file;
        this.out = out;
        this.clock = clock;
    }

    /** Opens (creates if needed) {@code file} for appending. */
    public static AuditLog open(Path file, Clock clock) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            return new AuditLog(file, out, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** A log that keeps nothing, for tools that do not want one. */
    public static AuditLog discard(Clock clock) {
        return new AuditLog(null, OutputStream.nullOutputStream(), clock);
    }

    /**
     * Appends one line: {@code {"time", "correlation_id", "session_id", "step", ...fields}}.
     *
     * @param fields values Jackson can write (strings, numbers, booleans, lists, maps, records); null values are
     *               left out
     */
    public void record(String correlationId, String sessionId, String step, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("correlation_id", correlationId);
        line.put("session_id", sessionId);
        line.put("step", step);
        fields.forEach((key, value) -> {
            if (value != null) {
                line.put(key, value);
            }
        });
        byte[] bytes;
        try {
            bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            failed.incrementAndGet();
            LOG.error("audit line for {} step {} cannot be encoded: {}", correlationId, step, e.getMessage());
            return;
        }
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
                written.incrementAndGet();
            } catch (IOException e) {
                failed.incrementAndGet();
                LOG.error("audit log {} cannot be written ({} lines lost so far): {}", file, failed.get(),
                        e.getMessage());
            }
        }
    }

    /** Where the lines go; null for {@link #discard}. */
    public Path file() {
        return file;
    }

    public long written() {
        return written.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("closing the audit log {}: {}", file, e.getMessage());
        }
    }
}
