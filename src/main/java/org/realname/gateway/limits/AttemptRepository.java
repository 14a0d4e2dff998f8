package org.realname.gateway.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The attempt tables ({@code V4__attempts.sql}) in plain JDBC. Every method must run inside a
 * JTA transaction, whose connection the data source hands out; the SQL is portable between H2
 * (PostgreSQL mode) and PostgreSQL. Subject keys arriving here are already digests.
 */
@ApplicationScoped
public class AttemptRepository {

    private final DataSource dataSource;

    public AttemptRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Locks the subject's row until the transaction ends, creating it if needed. An UPDATE takes
     * the row lock on both databases; when the row does not exist yet, the insert skips a row
     * that a racing first attempt inserted meanwhile ({@code ON CONFLICT DO NOTHING}, which H2's
     * PostgreSQL mode takes too), and the UPDATE then locks that one. So the caller's transaction
     * never fails on the key and needs no retry.
     */
    void lockSubject(Scope scope, String subjectKey, Instant now) {
        String lock = "UPDATE attempt_subject SET last_attempt_at = ? WHERE scope = ? AND subject_key = ?";
        if (update(lock, utc(now), scope.stored(), subjectKey) > 0) {
            return;
        }
        if (update("INSERT INTO attempt_subject (scope, subject_key, last_attempt_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", scope.stored(), subjectKey, utc(now)) == 0) {
            update(lock, utc(now), scope.stored(), subjectKey);
        }
    }

    /** Attempts of the subject after {@code since}. */
    long countSince(Scope scope, String subjectKey, Instant since) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM verification_attempt"
                        + " WHERE scope = ? AND subject_key = ? AND created_at > ?")) {
            bind(ps, scope.stored(), subjectKey, utc(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The time of the subject's {@code offset}-th (0-based) oldest attempt after {@code since}. */
    Optional<Instant> nthSince(Scope scope, String subjectKey, Instant since, long offset) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT created_at FROM verification_attempt"
                        + " WHERE scope = ? AND subject_key = ? AND created_at > ?"
                        + " ORDER BY created_at LIMIT 1 OFFSET ?")) {
            bind(ps, scope.stored(), subjectKey, utc(since), offset);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    void record(String id, Scope scope, String subjectKey, Instant at) {
        update("INSERT INTO verification_attempt (id, scope, subject_key, created_at) VALUES (?, ?, ?, ?)",
                id, scope.stored(), subjectKey, utc(at));
    }

    /** Deletes attempts and idle subjects older than {@code cutoff}; returns the attempts deleted. */
    int purgeBefore(Instant cutoff) {
        int attempts = update("DELETE FROM verification_attempt WHERE created_at < ?", utc(cutoff));
        update("DELETE FROM attempt_subject WHERE last_attempt_at < ?", utc(cutoff));
        return attempts;
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** SQL state only: messages of a failed statement may quote its bound values. */
    private static AttemptStoreException failure(SQLException e) {
        return new AttemptStoreException(e.getSQLState(), e);
    }

    /** A failed statement on the attempt tables; {@code sqlState} {@code 23xxx} is a constraint violation. */
    static final class AttemptStoreException extends RuntimeException {

        private final String sqlState;

        AttemptStoreException(String sqlState, SQLException cause) {
            super("Attempt store statement failed (SQL state " + sqlState + ")", cause);
            this.sqlState = sqlState;
        }

        boolean isConstraintViolation() {
            return sqlState != null && sqlState.startsWith("23");
        }
    }
}
