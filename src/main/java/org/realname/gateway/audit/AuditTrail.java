package org.realname.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * Appends to the hash-chained audit trail. An entry is written in the caller's transaction, so
 * it exists exactly when the change it reports does. Appends are serialised by a lock on the
 * single head row; the application never updates or deletes entries.
 */
@ApplicationScoped
public class AuditTrail {

    /** The actor for what the gateway does by itself (sweeps, reconciliation). */
    public static final String SYSTEM = "system";

    private final DataSource dataSource;
    private final Clock clock;
    private final CheckpointTrigger checkpoints;

    public AuditTrail(DataSource dataSource, Clock clock, CheckpointTrigger checkpoints) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.checkpoints = checkpoints;
    }

    private static final java.util.regex.Pattern SAFE_ACTOR = java.util.regex.Pattern.compile("[A-Za-z0-9._:@/+-]{1,128}");

    /**
     * An actor name fit for the trail: the token subject as is when it is a plain identifier,
     * else a digest of it (never free text).
     */
    public static String actorOf(String subject) {
        if (subject != null && SAFE_ACTOR.matcher(subject).matches()) {
            return subject;
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(subject).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records a refusal in a transaction of its own: the caller's transaction is about to roll
     * back, and the refusal must stay on record.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long recordSeparately(String actor, String actorRole, AuditEventType type, String recordType,
            String recordId, String outcome) {
        return record(actor, actorRole, type, recordType, recordId, outcome);
    }

    /** @return the entry's sequence number */
    @Transactional(Transactional.TxType.REQUIRED)
    public long record(String actor, String actorRole, AuditEventType type, String recordType, String recordId,
            String outcome) {
        try (Connection c = dataSource.getConnection()) {
            long seq;
            String previous;
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("audit_head is missing");
                }
                seq = rs.getLong(1) + 1;
                previous = rs.getString(2);
            }
            AuditEntry entry = new AuditEntry(seq, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), actor, actorRole,
                    type, recordType, recordId, outcome);
            String hash = AuditChain.link(previous, entry);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (seq, occurred_at, actor, actor_role, "
                    + "event_type, record_type, record_id, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, seq);
                ps.setTimestamp(2, Timestamp.from(entry.occurredAt()));
                ps.setString(3, actor);
                ps.setString(4, actorRole);
                ps.setString(5, type.name());
                ps.setString(6, recordType);
                ps.setString(7, recordId);
                ps.setString(8, outcome);
                ps.setString(9, previous);
                ps.setString(10, hash);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                ps.setLong(1, seq);
                ps.setString(2, hash);
                ps.executeUpdate();
            }
            // Only a hint for after the commit; a checkpoint is never written inside this transaction.
            checkpoints.appended(seq);
            return seq;
        } catch (SQLException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The audit entry could not be written", e);
        }
    }
}
