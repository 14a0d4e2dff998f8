package org.realname.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.util.OutageLog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Audit entries of reads, written many per transaction: a read that must be on the trail before
 * it is answered (a platform's real-name check, say) hands its entry here and waits for the
 * commit of the batch it joined. Concurrent reads then share one commit instead of queuing for
 * one each; the entries land in the same queue {@link AuditTrail#record} writes to, for the
 * sequencer. A read whose entry could not be written is not answered (an error instead), so no
 * answer leaves without its entry.
 */
@ApplicationScoped
public class AuditGroupCommit {

    private static final Logger LOG = Logger.getLogger(AuditGroupCommit.class);
    static final int BATCH = 500;
    static final Duration WAIT = Duration.ofSeconds(10);

    private record Pending(AuditEntry entry, CompletableFuture<Void> done) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final OutageLog outage = new OutageLog(AuditGroupCommit.class, "Audit group commit");
    private volatile boolean running = true;
    private Thread writer;

    public AuditGroupCommit(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        writer = new Thread(this::loop, "audit-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            write(left);
        }
    }

    /**
     * Records an entry and returns once it is committed (with others). Call outside a
     * transaction: the caller's own work is done and committed (or read-only) by then.
     *
     * @throws GatewayException {@code INTERNAL} when the entry could not be written in time
     */
    public void record(String actor, String actorRole, AuditEventType type, String recordType, String recordId,
            String outcome) {
        // Checked here, in the caller, as AuditTrail does, so a bad value fails its own read only.
        AuditEntry entry = new AuditEntry(0, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), actor, actorRole, type,
                recordType, recordId, outcome);
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(entry, done));
        try {
            done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notWritten(e);
        } catch (ExecutionException | TimeoutException e) {
            throw notWritten(e);
        }
    }

    private static GatewayException notWritten(Exception cause) {
        return new GatewayException(ErrorCode.INTERNAL, "The audit entry could not be written", cause);
    }

    private void loop() {
        while (running) {
            try {
                Pending first = queue.take();
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                // Whoever arrived while the last batch was being written goes in this one.
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> insert(batch));
            outage.succeeded();
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            // Each waiting read is refused (503 when the database is away); the log says it once per outage.
            if (!outage.failed(e)) {
                LOG.warnf("A batch of %d audit entries could not be written (%s)", batch.size(), e.getClass().getSimpleName());
            }
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    private void insert(List<Pending> batch) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (occurred_at, actor, actor_role, "
                        + "event_type, record_type, record_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Pending p : batch) {
                AuditEntry e = p.entry();
                ps.setTimestamp(1, Timestamp.from(e.occurredAt()));
                ps.setString(2, e.actor());
                ps.setString(3, e.actorRole());
                ps.setString(4, e.type().name());
                ps.setString(5, e.recordType());
                ps.setString(6, e.recordId());
                ps.setString(7, e.outcome());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("audit group commit", e);
        }
    }
}
