package org.realname.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Walks the whole chain in sequence order, in pages, recomputing every hash, and reports the
 * first broken link: a changed entry (its hash no longer matches), a deleted one (a gap in the
 * sequence, or the head pointing past the last entry), or a re-linked one (a previous-hash that
 * is not the hash before it).
 */
@ApplicationScoped
public class AuditChainVerifier {

    private static final int PAGE = 1000;

    private final DataSource dataSource;

    public AuditChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The outcome of a check. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(@JsonProperty("intact") boolean intact, @JsonProperty("entries_checked") long checked,
            @JsonProperty("first_broken_seq") Long firstBrokenSeq, @JsonProperty("reason") String reason) {
    }

    public Report verify() {
        try (Connection c = dataSource.getConnection()) {
            String previous = AuditChain.GENESIS;
            long expected = 1;
            long checked = 0;
            while (true) {
                int rows = 0;
                try (PreparedStatement ps = c.prepareStatement("SELECT seq, occurred_at, actor, actor_role, event_type, "
                        + "record_type, record_id, outcome, prev_hash, hash FROM audit_event WHERE seq >= ? ORDER BY seq")) {
                    ps.setLong(1, expected);
                    ps.setMaxRows(PAGE);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            long seq = rs.getLong(1);
                            if (seq != expected) {
                                return new Report(false, checked, expected, "entry missing (deleted)");
                            }
                            if (!previous.equals(rs.getString(9))) {
                                return new Report(false, checked, seq, "previous-hash does not match the entry before");
                            }
                            AuditEntry entry;
                            try {
                                entry = new AuditEntry(seq, rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                                        rs.getString(4), AuditEventType.valueOf(rs.getString(5)), rs.getString(6),
                                        rs.getString(7), rs.getString(8));
                            } catch (IllegalArgumentException e) {
                                return new Report(false, checked, seq, "entry is malformed (changed)");
                            }
                            String hash = AuditChain.link(previous, entry);
                            if (!hash.equals(rs.getString(10))) {
                                return new Report(false, checked, seq, "entry changed (hash does not match)");
                            }
                            previous = hash;
                            expected = seq + 1;
                            checked++;
                        }
                    }
                }
                if (rows < PAGE) {
                    break;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != expected - 1) {
                    return new Report(false, checked, expected, "entry missing (deleted at the end)");
                }
                if (!rs.getString(2).equals(previous)) {
                    return new Report(false, checked, expected - 1, "head hash does not match the last entry");
                }
            }
            return new Report(true, checked, null, null);
        } catch (SQLException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The audit trail could not be read", e);
        }
    }
}
