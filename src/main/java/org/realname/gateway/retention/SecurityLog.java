package org.realname.gateway.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.realname.gateway.util.Ids;
import org.realname.gateway.util.OutageLog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The security log of the browser-facing session pages: when, which session, what, the answer's
 * status, client address and user agent. Kept for incident handling, purged with the other
 * troubleshooting data.
 *
 * <p>A row is queued in memory when the request is answered and written by a background thread
 * with the others queued meanwhile, one transaction per batch
 * ({@link RetentionConfig#securityLogFlush()}): the pages' requests never wait for it, a refused
 * request (whose own transaction rolled back) is logged too, and logging never changes a
 * request's outcome. When the queue is full (the database away for long) rows are dropped and
 * counted in a warning, rather than holding requests or memory.
 */
@ApplicationScoped
public class SecurityLog {

    private static final Logger LOG = Logger.getLogger(SecurityLog.class);
    static final int MAX_USER_AGENT = 256;
    static final int MAX_IP = 64;
    static final int CAPACITY = 20_000;
    static final int BATCH = 500;

    /** One row to write. {@code sessionId} may be null (an unknown link). */
    public record Event(String sessionId, String kind, int httpStatus, String clientIp, String userAgent) {
    }

    private record Row(String id, Instant at, Event event) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final RetentionConfig config;
    private final BlockingQueue<Row> queue = new ArrayBlockingQueue<>(CAPACITY);
    /** Held while a batch is drained and written, so {@link #flush} returns only after every earlier row. */
    private final Object writing = new Object();
    private volatile boolean running = true;
    private final OutageLog outage = new OutageLog(SecurityLog.class, "Security log");
    private Thread writer;

    public SecurityLog(DataSource dataSource, Clock clock, RetentionConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        writer = new Thread(this::loop, "security-log");
        writer.setDaemon(true);
        writer.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    /** Queues a row; never blocks and never throws for a full queue. */
    public void write(Event e) {
        Row row = new Row(Ids.newId(), Instant.now(clock).truncatedTo(ChronoUnit.MILLIS),
                new Event(e.sessionId(), e.kind(), e.httpStatus(), clean(e.clientIp(), MAX_IP),
                        clean(e.userAgent(), MAX_USER_AGENT)));
        if (!queue.offer(row)) {
            LOG.warnf("security log: queue full, a %s row was dropped", e.kind());
        }
    }

    /**
     * Writes everything queued now and returns once it is committed. Whoever reads or deletes a
     * session's rows (an export, an erasure) calls this first, so no queued row lands after them.
     */
    public void flush() {
        written();
    }

    /** {@link #flush}, saying how many rows it wrote. */
    private int written() {
        int rows = 0;
        synchronized (writing) {
            while (!queue.isEmpty()) {
                List<Row> batch = new ArrayList<>(BATCH);
                queue.drainTo(batch, BATCH);
                insert(batch);
                rows += batch.size();
            }
        }
        return rows;
    }

    private void loop() {
        long rest = config.securityLogFlush().toNanos();
        while (running) {
            try {
                // The rows of one interval go in one transaction.
                TimeUnit.NANOSECONDS.sleep(rest);
                if (written() > 0) {
                    // Only a write tells that the database is back; an empty queue says nothing.
                    outage.succeeded();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The message could quote a row, so only the type; the rows of that batch are lost.
                if (!outage.failed(e)) {
                    LOG.warnf("security log: a batch could not be written (%s)", e.getClass().getSimpleName());
                }
            }
        }
    }

    private void insert(List<Row> batch) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO security_event (id, occurred_at, session_id, "
                            + "kind, http_status, client_ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Row r : batch) {
                    ps.setString(1, r.id());
                    ps.setTimestamp(2, Timestamp.from(r.at()));
                    ps.setString(3, r.event().sessionId());
                    ps.setString(4, r.event().kind());
                    ps.setInt(5, r.event().httpStatus());
                    ps.setString(6, r.event().clientIp());
                    ps.setString(7, r.event().userAgent());
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("security log batch", e);
            }
        });
    }

    /** Printable ASCII only (a header may carry anything), truncated to the column. */
    static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
