package io.vehicle.bridge.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every write attempt, allowed or not, as one JSON line appended to a file (opened for appending only;
 * earlier lines are never rewritten). Lines are written and flushed in order by one thread of its own, so
 * the event loops never wait for the disk; {@link #close} writes what is still queued.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final OutputStream out;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "audit-log");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public AuditLog(Path file) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    public Path file() {
        return file;
    }

    public void append(AuditRecord record) {
        byte[] line;
        try {
            line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit record not serializable", e);
        }
        writer.execute(() -> {
            try {
                out.write(line);
                out.flush();
                written.incrementAndGet();
            } catch (IOException e) {
                failed.incrementAndGet();
                LOG.error("Audit log {} cannot be written: {}", file, e.toString());
            }
        });
    }

    /** Lines written so far. */
    public long written() {
        return written.get();
    }

    /** Lines that could not be written (disk full, file gone): the health endpoint reports them. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Audit log {}: lines still queued after 10 s", file);
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Audit log {} did not close cleanly: {}", file, e.toString());
        }
    }
}
