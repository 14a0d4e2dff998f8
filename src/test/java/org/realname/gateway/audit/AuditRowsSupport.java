package org.realname.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Test helpers that read and rewrite audit rows directly, as an attacker with database access would. */
final class AuditRowsSupport {

    static final String COLUMNS = "seq, occurred_at, actor, actor_role, event_type, record_type, record_id, outcome, prev_hash, hash";

    private AuditRowsSupport() {
    }

    static Object[] row(DataSource ds, String table, String key, long value) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE " + key + " = ?")) {
            ps.setLong(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), table + " " + value);
                int n = rs.getMetaData().getColumnCount();
                Object[] values = new Object[n];
                for (int i = 0; i < n; i++) {
                    values[i] = rs.getObject(i + 1);
                }
                return values;
            }
        }
    }

    static String insertSql(String table, int columns) {
        return "INSERT INTO " + table + " VALUES (" + "?, ".repeat(columns - 1) + "?)";
    }

    /** The stored entries from {@code from} up to the head, in order. */
    static List<StoredEntry> entriesFrom(DataSource ds, long from) throws SQLException {
        List<StoredEntry> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_event WHERE seq >= ? ORDER BY seq")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
        }
        return out;
    }

    static StoredCheckpoint checkpoint(DataSource ds, long number) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT checkpoint_no, seq, head_hash, created_at, key_id, signature FROM audit_checkpoint WHERE checkpoint_no = ?")) {
            ps.setLong(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6));
            }
        }
    }

    /** The chain hash of {@code e} after {@code previous}, as the trail computes it. */
    static String link(String previous, StoredEntry e, String outcome) {
        return AuditChain.link(previous, new AuditEntry(e.seq(), e.occurredAt(), e.actor(), e.actorRole(),
                AuditEventType.valueOf(e.eventType()), e.recordType(), e.recordId(), outcome));
    }
}
