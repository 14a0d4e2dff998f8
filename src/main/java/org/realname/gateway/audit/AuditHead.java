package org.realname.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * The single {@code audit_head} row: the last sequenced entry's number and hash. Its row lock is
 * the sequencer's lease: whoever holds it may give positions and hashes, across all instances,
 * and only for the length of one short transaction. Writers never take it.
 */
final class AuditHead {

    /** Where the chain ends. */
    record Head(long seq, String hash) {
    }

    private AuditHead() {
    }

    /** The head, locked for this transaction; waits while another sequencer holds it. */
    static Head lock(Connection c) throws SQLException {
        return read(c, "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .orElseThrow(() -> new IllegalStateException("audit_head is missing"));
    }

    /** The head, locked for this transaction, or empty at once when another sequencer holds it. */
    static Optional<Head> tryLock(Connection c) throws SQLException {
        return read(c, "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE SKIP LOCKED");
    }

    /** The head as last committed, without a lock. */
    static Head peek(Connection c) throws SQLException {
        return read(c, "SELECT seq, hash FROM audit_head WHERE id = 1")
                .orElseThrow(() -> new IllegalStateException("audit_head is missing"));
    }

    static void move(Connection c, Head head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            ps.setLong(1, head.seq());
            ps.setString(2, head.hash());
            ps.executeUpdate();
        }
    }

    /**
     * Appends {@code entry} already sequenced, right after {@code head} (which the caller holds
     * locked): used for a checkpoint's own entry, which must come right after the entry it covers.
     */
    static Head appendSequenced(Connection c, Head head, AuditEntry entry) throws SQLException {
        if (entry.seq() != head.seq() + 1) {
            throw new IllegalArgumentException("A sequenced append must follow the head");
        }
        String hash = AuditChain.link(head.hash(), entry);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (seq, occurred_at, actor, actor_role, "
                + "event_type, record_type, record_id, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, entry.seq());
            ps.setTimestamp(2, Timestamp.from(entry.occurredAt()));
            ps.setString(3, entry.actor());
            ps.setString(4, entry.actorRole());
            ps.setString(5, entry.type().name());
            ps.setString(6, entry.recordType());
            ps.setString(7, entry.recordId());
            ps.setString(8, entry.outcome());
            ps.setString(9, head.hash());
            ps.setString(10, hash);
            ps.executeUpdate();
        }
        Head moved = new Head(entry.seq(), hash);
        move(c, moved);
        return moved;
    }

    private static Optional<Head> read(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Head(rs.getLong(1), rs.getString(2))) : Optional.empty();
        }
    }
}
