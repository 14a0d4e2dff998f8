package org.realname.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads entries and checkpoints in sequence order, a page at a time (keyset on {@code seq}), so
 * a check of millions of entries holds one page in memory.
 */
final class AuditRows {

    static final int PAGE = 1000;

    private AuditRows() {
    }

    /** Entries with {@code seq <= upTo}, ascending. */
    static Iterator<StoredEntry> entries(Connection c, long upTo) {
        return new Paged<>(c, "SELECT seq, occurred_at, actor, actor_role, event_type, record_type, record_id, outcome, "
                + "prev_hash, hash FROM audit_event WHERE seq > ? AND seq <= ? ORDER BY seq", upTo, AuditRows::entry,
                StoredEntry::seq);
    }

    /** Checkpoints with {@code seq <= upTo}, ascending. */
    static Iterator<StoredCheckpoint> checkpoints(Connection c, long upTo) {
        return new Paged<>(c, "SELECT checkpoint_no, seq, head_hash, created_at, key_id, signature FROM audit_checkpoint "
                + "WHERE seq > ? AND seq <= ? ORDER BY seq", upTo, AuditRows::checkpoint, StoredCheckpoint::seq);
    }

    private static StoredEntry entry(ResultSet rs) throws SQLException {
        return new StoredEntry(rs.getLong(1), instant(rs.getObject(2, OffsetDateTime.class)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10));
    }

    private static StoredCheckpoint checkpoint(ResultSet rs) throws SQLException {
        return new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getString(3),
                instant(rs.getObject(4, OffsetDateTime.class)), rs.getString(5), rs.getString(6));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Thrown out of the iterators; the verifier turns it into its error. */
    static final class ReadFailure extends RuntimeException {
        ReadFailure(SQLException cause) {
            super(cause);
        }
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static final class Paged<T> implements Iterator<T> {
        private final Connection c;
        private final String sql;
        private final long upTo;
        private final RowMapper<T> mapper;
        private final java.util.function.ToLongFunction<T> key;
        private final ArrayDeque<T> page = new ArrayDeque<>();
        private long after;
        private boolean exhausted;

        Paged(Connection c, String sql, long upTo, RowMapper<T> mapper, java.util.function.ToLongFunction<T> key) {
            this.c = c;
            this.sql = sql;
            this.upTo = upTo;
            this.mapper = mapper;
            this.key = key;
            this.after = Long.MIN_VALUE;
        }

        @Override
        public boolean hasNext() {
            if (page.isEmpty() && !exhausted) {
                fetch();
            }
            return !page.isEmpty();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.poll();
        }

        private void fetch() {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, after);
                ps.setLong(2, upTo);
                ps.setMaxRows(PAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(mapper.map(rs));
                    }
                }
            } catch (SQLException e) {
                throw new ReadFailure(e);
            }
            if (page.size() < PAGE) {
                exhausted = true;
            }
            if (!page.isEmpty()) {
                after = key.applyAsLong(page.peekLast());
            }
        }
    }
}
