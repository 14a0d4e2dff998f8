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
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.KeyKind;
import org.realname.gateway.keys.KeyRingService;

/**
 * Writes one SM2-signed checkpoint of the chain head ({@link AuditCheckpoint} is the signed form)
 * with its own {@code CHECKPOINT_WRITTEN} entry right after the entry it covers, inside the
 * sequencer's transaction, which holds the head: so instances never write two at once.
 */
@ApplicationScoped
class CheckpointWriter {

    static final String RECORD_TYPE = "audit_checkpoint";

    /** A checkpoint written: its number, the entry it covers, and the head after its own entry. */
    record Written(long number, long seq, AuditHead.Head head) {
    }

    private final KeyRingService keyRing;
    private final AuditConfig config;
    private final Clock clock;
    /** The last checkpoint this instance knows of: a hint only, so most batches need no read. */
    private final AtomicLong lastKnownSeq = new AtomicLong(-1);

    CheckpointWriter(KeyRingService keyRing, AuditConfig config, Clock clock) {
        this.keyRing = keyRing;
        this.config = config;
        this.clock = clock;
    }

    /** Whether the head may have reached the count since the last checkpoint known here. */
    boolean mayBeDueByCount(AuditHead.Head head) {
        long known = lastKnownSeq.get();
        // +1: the checkpoint's own CHECKPOINT_WRITTEN entry right after the entry it covers.
        return known < 0 || head.seq() - (known + 1) >= config.checkpointEvery();
    }

    /**
     * Writes a checkpoint of {@code head} (held locked by the caller) when one is due by count,
     * by time ({@code byTime}), or at all ({@code force}) and the head is not yet covered.
     */
    Optional<Written> writeLocked(Connection c, AuditHead.Head head, boolean byTime, boolean force) throws SQLException {
        Optional<Last> last = last(c);
        last.ifPresent(l -> lastKnownSeq.accumulateAndGet(l.seq(), Math::max));
        if (last.isEmpty()) {
            lastKnownSeq.accumulateAndGet(0, Math::max);
        }
        // The entry right after a checkpoint is its own CHECKPOINT_WRITTEN: nothing new to cover.
        long firstUncovered = last.map(l -> l.seq() + 2).orElse(1L);
        long pending = head.seq() - firstUncovered + 1;
        if (pending <= 0) {
            return Optional.empty();
        }
        boolean due = force || pending >= config.checkpointEvery() || (byTime && olderThanInterval(c, firstUncovered));
        if (!due) {
            return Optional.empty();
        }
        long number = last.map(l -> l.number() + 1).orElse(1L);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        String keyId = keyRing.activeKeyId(KeyKind.SIGNING);
        KeyRingService.Signed signed = keyRing.sign(AuditCheckpoint.canonical(number, head.seq(), head.hash(), now, keyId));
        if (!signed.keyId().equals(keyId)) {
            // A rotation between the two calls: sign again, naming the key that signs.
            keyId = signed.keyId();
            signed = keyRing.sign(AuditCheckpoint.canonical(number, head.seq(), head.hash(), now, keyId));
            if (!signed.keyId().equals(keyId)) {
                throw new GatewayException(ErrorCode.KEY_UNAVAILABLE, "The signing key changed while signing a checkpoint");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_checkpoint (checkpoint_no, seq, head_hash, "
                + "created_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, number);
            ps.setLong(2, head.seq());
            ps.setString(3, head.hash());
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, keyId);
            ps.setString(6, HexFormat.of().formatHex(signed.signature()));
            ps.executeUpdate();
        }
        AuditHead.Head moved = AuditHead.appendSequenced(c, head, new AuditEntry(head.seq() + 1, now, AuditTrail.SYSTEM,
                AuditTrail.SYSTEM, AuditEventType.CHECKPOINT_WRITTEN, RECORD_TYPE, String.valueOf(number),
                "seq-" + head.seq()));
        return Optional.of(new Written(number, head.seq(), moved));
    }

    /** After the transaction that wrote {@code w} committed. */
    void committed(Written w) {
        lastKnownSeq.accumulateAndGet(w.seq(), Math::max);
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

    private record Last(long number, long seq) {
    }
}
