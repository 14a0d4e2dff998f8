package org.realname.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.KeyKind;
import org.realname.gateway.keys.KeyRingService;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Writes the SM2-signed checkpoints of the chain head ({@link AuditCheckpoint} is the signed
 * form): every {@link AuditConfig#checkpointEvery()} entries (asked for by the append path,
 * written in the background after the append commits) or when the oldest uncovered entry is
 * older than {@link AuditConfig#checkpointInterval()} (a scheduled job), whichever comes first.
 *
 * <p>Never inside a request: a failure (no signing key, database down) is logged and the next
 * trigger tries again; the request that appended goes on untouched. A checkpoint is written in
 * one transaction with its own {@code CHECKPOINT_WRITTEN} entry, under the head row's lock, so
 * it always covers the entry just before that one and instances never write two at once.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);
    static final String RECORD_TYPE = "audit_checkpoint";

    private final DataSource dataSource;
    private final AuditTrail trail;
    private final KeyRingService keyRing;
    private final AuditConfig config;
    private final CheckpointTrigger trigger;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    public AuditCheckpoints(DataSource dataSource, AuditTrail trail, KeyRingService keyRing, AuditConfig config,
            CheckpointTrigger trigger, Clock clock) {
        this.dataSource = dataSource;
        this.trail = trail;
        this.keyRing = keyRing;
        this.config = config;
        this.trigger = trigger;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        trigger.known(QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return last(c).map(Last::seq).orElse(0L);
            }
        }));
    }

    /** After an append that reached the count committed: one background write at a time, extra asks coalesce. */
    void onDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) CheckpointTrigger.Due due) {
        if (queued.compareAndSet(false, true)) {
            background.execute(() -> {
                queued.set(false);
                safely(this::writeIfDue);
            });
        }
    }

    @Scheduled(every = "${gateway.audit.checkpoint-poll:PT1M}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        safely(this::writeIfDue);
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /** Writes a checkpoint when one is due by count or by time; returns its number. */
    public Optional<Long> writeIfDue() {
        return write(false);
    }

    /** Writes a checkpoint of the current head unless it is already covered; returns its number. */
    public Optional<Long> writeNow() {
        return write(true);
    }

    private Optional<Long> write(boolean force) {
        Optional<Last> written = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return writeLocked(c, force);
            }
        });
        written.ifPresent(w -> {
            trigger.known(w.seq());
            LOG.infof("Audit checkpoint %d written at entry %d", w.number(), w.seq());
        });
        return written.map(Last::number);
    }

    private Optional<Last> writeLocked(Connection c, boolean force) throws SQLException {
        long headSeq;
        String headHash;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            headSeq = rs.getLong(1);
            headHash = rs.getString(2);
        }
        Optional<Last> last = last(c);
        // The entry right after a checkpoint is its own CHECKPOINT_WRITTEN: nothing new to cover.
        long firstUncovered = last.map(l -> l.seq() + 2).orElse(1L);
        long pending = headSeq - firstUncovered + 1;
        if (pending <= 0) {
            last.ifPresent(l -> trigger.known(l.seq()));
            return Optional.empty();
        }
        if (!force && pending < config.checkpointEvery() && !olderThanInterval(c, firstUncovered)) {
            return Optional.empty();
        }
        long number = last.map(l -> l.number() + 1).orElse(1L);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        String keyId = keyRing.activeKeyId(KeyKind.SIGNING);
        KeyRingService.Signed signed = keyRing.sign(AuditCheckpoint.canonical(number, headSeq, headHash, now, keyId));
        if (!signed.keyId().equals(keyId)) {
            // A rotation between the two calls: sign again, naming the key that signs.
            keyId = signed.keyId();
            signed = keyRing.sign(AuditCheckpoint.canonical(number, headSeq, headHash, now, keyId));
            if (!signed.keyId().equals(keyId)) {
                throw new GatewayException(ErrorCode.KEY_UNAVAILABLE, "The signing key changed while signing a checkpoint");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_checkpoint (checkpoint_no, seq, head_hash, "
                + "created_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, number);
            ps.setLong(2, headSeq);
            ps.setString(3, headHash);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, keyId);
            ps.setString(6, HexFormat.of().formatHex(signed.signature()));
            ps.executeUpdate();
        }
        trail.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.CHECKPOINT_WRITTEN, RECORD_TYPE,
                String.valueOf(number), "seq-" + headSeq);
        return Optional.of(new Last(number, headSeq));
    }

    private boolean olderThanInterval(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT occurred_at FROM audit_event WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // Missing (deleted?): a checkpoint now pins down what is there.
                    return true;
                }
                Instant at = rs.getObject(1, OffsetDateTime.class).toInstant();
                return !at.plus(config.checkpointInterval()).isAfter(Instant.now(clock));
            }
        }
    }

    private static Optional<Last> last(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checkpoint_no, seq FROM audit_checkpoint ORDER BY checkpoint_no DESC")) {
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Last(rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    private static void safely(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            // Never the request's problem: the next trigger or the job tries again.
            LOG.warnf("Audit checkpoint not written (%s); will try again", e.getClass().getSimpleName());
        }
    }

    private record Last(long number, long seq) {
    }
}
