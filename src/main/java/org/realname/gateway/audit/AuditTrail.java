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
 * Appends to the hash-chained audit trail. An entry is queued in the caller's transaction, so it
 * exists exactly when the change it reports does; {@link AuditSequencer} chains it shortly after.
 * Writers take no lock; the application never changes an entry once sequenced, nor deletes one.
 */
@ApplicationScoped
public class AuditTrail {

    /** The actor for what the gateway does by itself (sweeps, reconciliation). */
    public static final String SYSTEM = "system";

    private final DataSource dataSource;
    private final Clock clock;

    public AuditTrail(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
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

    /**
     * Queues an entry in the caller's transaction: an insert and nothing else, so no request ever
     * waits for the chain's head. {@link AuditSequencer} gives it its sequence number and hash
     * after the transaction commits (within {@link AuditConfig#sequenceInterval()}); an entry of a
     * transaction that rolls back never existed.
     *
     * @return the entry's id (its place in the queue, not its sequence number)
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public long record(String actor, String actorRole, AuditEventType type, String recordType, String recordId,
            String outcome) {
        // Checked here, in the writer, so the sequencer never meets a value it cannot chain.
        AuditEntry entry = new AuditEntry(0, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), actor, actorRole, type,
                recordType, recordId, outcome);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (occurred_at, actor, actor_role, "
                        + "event_type, record_type, record_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        new String[] {"id"})) {
            ps.setTimestamp(1, Timestamp.from(entry.occurredAt()));
            ps.setString(2, actor);
            ps.setString(3, actorRole);
            ps.setString(4, type.name());
            ps.setString(5, recordType);
            ps.setString(6, recordId);
            ps.setString(7, outcome);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The audit entry could not be written", e);
        }
    }
}
