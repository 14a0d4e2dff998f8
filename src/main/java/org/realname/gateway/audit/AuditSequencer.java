package org.realname.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.realname.gateway.fault.FaultPoint;
import org.realname.gateway.fault.FaultPoints;
import org.realname.gateway.util.OutageLog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Gives queued audit entries their sequence numbers and chain hashes, a batch per short
 * transaction, in insert-id order (docs/audit.md, "Queue and sequencer"). Writers only insert
 * ({@link AuditTrail#record}); the one lock is the head row's, held by one sequencer at a time
 * across all instances ({@link AuditHead#tryLock}: another instance that finds it held skips its
 * turn instead of waiting).
 *
 * <p>Sequencing selects "{@code seq IS NULL}", never "ids above the last one done", so an entry
 * whose transaction commits late, after entries with higher ids were sequenced, is still taken
 * exactly once: by the first batch that can see it. Each row is updated only while its
 * {@code seq} is still NULL, and a batch that finds otherwise rolls back whole.
 */
@ApplicationScoped
public class AuditSequencer {

    private static final Logger LOG = Logger.getLogger(AuditSequencer.class);

    /** What {@link #sequenceOnce} found. */
    record Batch(boolean lockHeld, int sequenced, AuditHead.Head head) {
    }

    /** The queue as one read sees it. */
    public record QueueState(long depth, Instant oldest) {
    }

    private final DataSource dataSource;
    private final AuditConfig config;
    private final CheckpointWriter checkpoints;
    private final FaultPoints faults;
    private volatile boolean checkpointByTime;
    private volatile boolean running = true;
    private final OutageLog outage = new OutageLog(AuditSequencer.class, "Audit sequencing");
    private Thread worker;

    public AuditSequencer(DataSource dataSource, AuditConfig config, CheckpointWriter checkpoints, FaultPoints faults) {
        this.dataSource = dataSource;
        this.config = config;
        this.checkpoints = checkpoints;
        this.faults = faults;
    }

    void onStart(@Observes StartupEvent event) {
        // Its own thread: the scheduler's one-second floor is longer than the lag we promise.
        worker = new Thread(this::loop, "audit-sequencer");
        worker.setDaemon(true);
        worker.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void loop() {
        long rest = config.sequenceInterval().toNanos();
        while (running) {
            int done = 0;
            try {
                done = sequenceOnce().sequenced();
                outage.succeeded();
            } catch (RuntimeException e) {
                // Database away, or a batch that found a row already taken: nothing is lost, the queue waits.
                if (!outage.failed(e)) {
                    LOG.warnf("Audit sequencing paused (%s); will try again", e.getClass().getSimpleName());
                }
            }
            if (done < config.sequenceBatch() && running) {
                LockSupport.parkNanos(rest);
            }
        }
    }

    /** Asks the next batch to look whether a checkpoint is due by time (the scheduled poll). */
    void checkpointByTimeNext() {
        checkpointByTime = true;
    }

    /**
     * One turn: takes the head if free and sequences up to a batch of what is visible; then, when
     * a checkpoint may be due, writes it in a transaction of its own, so a checkpoint that fails
     * (no signing key, say) never holds back sequencing.
     */
    Batch sequenceOnce() {
        Batch batch = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                Optional<AuditHead.Head> locked = AuditHead.tryLock(c);
                if (locked.isEmpty()) {
                    return new Batch(false, 0, null);
                }
                AuditHead.Head head = sequence(c, locked.get());
                return new Batch(true, (int) (head.seq() - locked.get().seq()), head);
            }
        });
        boolean byTime = checkpointByTime;
        if (batch.lockHeld() && (byTime || checkpoints.mayBeDueByCount(batch.head()))) {
            try {
                QuarkusTransaction.requiringNew().call(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        Optional<AuditHead.Head> locked = AuditHead.tryLock(c);
                        return locked.isEmpty() ? Optional.<CheckpointWriter.Written>empty()
                                : checkpoints.writeLocked(c, locked.get(), byTime, false);
                    }
                }).ifPresent(this::committed);
                checkpointByTime = checkpointByTime && !byTime;
            } catch (RuntimeException e) {
                // Never a writer's problem, nor the queue's: the next turn tries again.
                LOG.warnf("Audit checkpoint not written (%s); will try again", e.getClass().getSimpleName());
            }
        }
        return batch;
    }

    /**
     * Sequences everything queued and visible now, then writes a checkpoint of the head when due
     * ({@code force}: whenever the head is not yet covered), waiting for another sequencer's turn
     * to end rather than skipping.
     *
     * @return the checkpoint's number, when one was written
     */
    public Optional<Long> checkpoint(boolean force, boolean byTime) {
        drain(Duration.ofSeconds(30));
        Optional<CheckpointWriter.Written> written = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                AuditHead.Head head = sequence(c, AuditHead.lock(c));
                return checkpoints.writeLocked(c, head, byTime, force);
            }
        });
        written.ifPresent(this::committed);
        return written.map(CheckpointWriter.Written::number);
    }

    /**
     * Sequences until nothing queued before this call is left, taking turns with any other
     * sequencer. For tests and shutdown paths; the loop does the same on its own.
     *
     * @throws IllegalStateException when the queue does not empty within {@code within}
     */
    public void drain(Duration within) {
        Instant end = Instant.now().plus(within);
        while (true) {
            Batch b = sequenceOnce();
            // A turn of ours that took less than a batch took everything visible, and every entry
            // committed before this call is visible.
            if (b.lockHeld() && b.sequenced() < config.sequenceBatch()) {
                return;
            }
            if (!b.lockHeld()) {
                if (Instant.now().isAfter(end)) {
                    throw new IllegalStateException("The audit queue did not empty in time");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    /**
     * The sequence number of entry {@code entryId} (committed), sequencing what is queued if it
     * has none yet.
     */
    public long awaitSequenced(long entryId, Duration within) {
        Instant end = Instant.now().plus(within);
        while (true) {
            Long seq = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection();
                        PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_event WHERE id = ?")) {
                    ps.setLong(1, entryId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalArgumentException("No audit entry with this id");
                        }
                        long s = rs.getLong(1);
                        return rs.wasNull() ? null : s;
                    }
                }
            });
            if (seq != null) {
                return seq;
            }
            Duration left = Duration.between(Instant.now(), end);
            if (left.isNegative()) {
                throw new IllegalStateException("The audit entry was not sequenced in time");
            }
            drain(left);
        }
    }

    /** The queue's depth and its oldest entry's time, for the chain check. */
    public QueueState queue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT COUNT(*), MIN(occurred_at) FROM audit_event WHERE seq IS NULL");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                return new QueueState(rs.getLong(1), oldest == null ? null : oldest.toInstant());
            }
        });
    }

    /** Sequences up to one batch after {@code head} (held locked); returns the new head. */
    private AuditHead.Head sequence(Connection c, AuditHead.Head head) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, occurred_at, actor, actor_role, event_type, "
                + "record_type, record_id, outcome FROM audit_event WHERE seq IS NULL ORDER BY id")) {
            ps.setMaxRows(config.sequenceBatch());
            try (ResultSet rs = ps.executeQuery()) {
                long next = head.seq() + 1;
                while (rs.next()) {
                    AuditEntry e;
                    try {
                        e = new AuditEntry(next, rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                                rs.getString(4), AuditEventType.valueOf(rs.getString(5)), rs.getString(6),
                                rs.getString(7), rs.getString(8));
                    } catch (IllegalArgumentException | NullPointerException bad) {
                        // Not written by AuditTrail (it checks every value): left queued, where the
                        // queue's depth and age show it, rather than stopping the whole trail.
                        LOG.errorf("Audit entry id %d is malformed and was not sequenced", rs.getLong(1));
                        continue;
                    }
                    ids.add(rs.getLong(1));
                    entries.add(e);
                    next++;
                }
            }
        }
        if (entries.isEmpty()) {
            return head;
        }
        String previous = head.hash();
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE audit_event SET seq = ?, prev_hash = ?, hash = ? WHERE id = ? AND seq IS NULL")) {
            for (int i = 0; i < entries.size(); i++) {
                AuditEntry e = entries.get(i);
                String hash = AuditChain.link(previous, e);
                ps.setLong(1, e.seq());
                ps.setString(2, previous);
                ps.setString(3, hash);
                ps.setLong(4, ids.get(i));
                ps.addBatch();
                previous = hash;
            }
            for (int n : ps.executeBatch()) {
                if (n != 1 && n != PreparedStatement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("An audit entry was sequenced by someone else");
                }
            }
        }
        AuditHead.Head moved = new AuditHead.Head(entries.get(entries.size() - 1).seq(), previous);
        AuditHead.move(c, moved);
        faults.reached(FaultPoint.AUDIT_SEQUENCING);
        LOG.debugf("Sequenced %d audit entries, %d to %d", entries.size(), head.seq() + 1, moved.seq());
        return moved;
    }

    private void committed(CheckpointWriter.Written w) {
        checkpoints.committed(w);
        LOG.infof("Audit checkpoint %d written at entry %d", w.number(), w.seq());
    }
}
