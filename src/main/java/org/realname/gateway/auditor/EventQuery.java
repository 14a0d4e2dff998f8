package org.realname.gateway.auditor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.result.VerificationResult;
import org.realname.gateway.session.VerificationService;

/**
 * Reads the audit trail for auditors, in sequence order (the chain's own order, so it is stable
 * and gap-free to page through). Keyset paging: the cursor is the last sequence number seen.
 *
 * <p>An entry is "about an account" when it names one of the account's sessions or results, or
 * the account itself; purpose and provider filters likewise select the entries about sessions
 * and results of that purpose or provider.
 */
@ApplicationScoped
public class EventQuery {

    private static final String SESSION = VerificationService.TABLE;
    private static final String RESULT = VerificationResult.TABLE;

    private final DataSource dataSource;

    public EventQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One page after the cursor. Call inside a transaction. */
    public Page<EventRow> page(Filters f, PageRequest page) {
        long after = cursor(page.after());
        SqlWhere where = where(f).when(after, "seq > ?", after);
        List<EventRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + EventRow.COLUMNS + " FROM audit_event"
                        + where.sql() + " ORDER BY seq")) {
            where.bind(ps);
            // One more than asked tells whether there is a next page.
            ps.setMaxRows(page.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The audit trail could not be read", e);
        }
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, null);
        }
        rows.remove(rows.size() - 1);
        return new Page<>(rows, Long.toString(rows.get(rows.size() - 1).seq()));
    }

    /**
     * Hands every matching entry to {@code sink}, in order, fetching {@code fetchSize} rows at a
     * time. Call inside a transaction: on PostgreSQL only then (autocommit off) does the driver
     * use a cursor instead of reading the whole result into memory.
     *
     * @return how many entries were handed over
     */
    public long stream(Filters f, int fetchSize, Consumer<EventRow> sink) {
        SqlWhere where = where(f);
        long n = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + EventRow.COLUMNS + " FROM audit_event"
                        + where.sql() + " ORDER BY seq", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            where.bind(ps);
            ps.setFetchSize(fetchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(row(rs));
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The audit trail could not be read", e);
        }
        return n;
    }

    static long cursor(String after) {
        if (after == null) {
            return 0;
        }
        try {
            long seq = Long.parseLong(after);
            if (seq < 0) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw Filters.invalid("after must be the next cursor of a previous page");
        }
    }

    private static SqlWhere where(Filters f) {
        // Only the chain: an entry still in the queue has no position yet (docs/audit.md).
        SqlWhere w = new SqlWhere()
                .when(Boolean.TRUE, "seq IS NOT NULL")
                .when(f.from(), "occurred_at >= ?", f.from())
                .when(f.to(), "occurred_at < ?", f.to())
                .when(f.eventType(), "event_type = ?", f.eventType())
                .when(f.outcome(), "outcome = ?", f.outcome());
        if (f.tenant() != null) {
            // An auditor of one tenant sees the entries about that tenant's sessions and results.
            w.when(f.tenant(), "((record_type = '" + SESSION + "' AND record_id IN (SELECT id FROM verification_session "
                    + "WHERE tenant_id = ?)) OR (record_type = '" + RESULT + "' AND record_id IN (SELECT id FROM "
                    + "verification_result WHERE tenant_id = ?)))", f.tenant(), f.tenant());
        }
        if (f.account() != null) {
            w.when(f.account(), "((record_type = '" + SESSION + "' AND record_id IN (SELECT id FROM verification_session "
                    + "WHERE account_id = ?)) OR (record_type = '" + RESULT + "' AND record_id IN (SELECT id FROM "
                    + "verification_result WHERE account_id = ?)) OR (record_type = 'account' AND record_id = ?))",
                    f.account(), f.account(), f.account());
        }
        w.when(f.purpose(), "((record_type = '" + SESSION + "' AND record_id IN (SELECT id FROM verification_session "
                + "WHERE purpose = ?)) OR (record_type = '" + RESULT + "' AND record_id IN (SELECT id FROM "
                + "verification_result WHERE purpose = ?)))", f.purpose(), f.purpose());
        w.when(f.provider(), "((record_type = '" + SESSION + "' AND record_id IN (SELECT id FROM verification_session "
                + "WHERE provider = ?)) OR (record_type = '" + RESULT + "' AND record_id IN (SELECT id FROM "
                + "verification_result WHERE provider = ?)))", f.provider(), f.provider());
        return w;
    }

    private static EventRow row(ResultSet rs) throws SQLException {
        return new EventRow(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10));
    }
}
