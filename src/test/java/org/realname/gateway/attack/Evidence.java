package org.realname.gateway.attack;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.support.Db;

import io.restassured.response.ValidatableResponse;

/**
 * What an attack may and may not leave behind: the answer it gets, the rows it could have
 * changed, and the audit trail entries written since a mark.
 */
final class Evidence {

    static final String PROBLEM = "application/problem+json";

    private Evidence() {
    }

    /** An RFC 9457 problem with the stable type, no stack trace and no exception name. */
    static ValidatableResponse problem(ValidatableResponse r, int status, String slug) {
        return r.statusCode(status)
                .contentType(containsString(PROBLEM))
                .body("type", equalTo(ErrorCode.TYPE_BASE + slug))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("instance", containsString("urn:request:"))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    /** The browser's error page: HTML, the status and the slug on it, no stack trace. */
    static ValidatableResponse errorPage(ValidatableResponse r, int status, String slug) {
        return r.statusCode(status)
                .contentType(containsString("text/html"))
                .body(containsString("HTTP " + status + " · " + slug))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    /**
     * Every column of a session an attack could move (state, binding, provider reference,
     * timestamps, version), as one comparable string.
     */
    static String sessionRow(DataSource ds, String id) {
        String sql = "SELECT status, version, updated_at, link_opened_at, browser_binding_hash, provider_reference, "
                + "provider_redirect_url, consented_at, finished_at, error_code, expires_at FROM verification_session WHERE id = ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "no session";
                }
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                }
                return row.toString();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long sessionsOf(DataSource ds, String account) {
        return Db.count(ds, "SELECT COUNT(*) FROM verification_session WHERE account_id = ?", account);
    }

    static long resultsOf(DataSource ds, String sessionId) {
        return Db.count(ds, "SELECT COUNT(*) FROM verification_result WHERE session_id = ?", sessionId);
    }

    static long consentsOf(DataSource ds, String sessionId) {
        return Db.count(ds, "SELECT COUNT(*) FROM consent_record WHERE session_id = ?", sessionId);
    }

    /** A point on the audit trail (queued entries included); entries after it are what an attack wrote. */
    record TrailMark(DataSource ds, AuditSequencer sequencer, long lastId) {

        static TrailMark now(DataSource ds, AuditSequencer sequencer) {
            sequencer.drain(Duration.ofSeconds(10));
            return new TrailMark(ds, sequencer, Db.count(ds, "SELECT COALESCE(MAX(id), 0) FROM audit_event"));
        }

        /** {@code TYPE:outcome} of each entry about {@code recordId} since the mark, in order. */
        List<String> entriesAbout(String recordId) {
            return query("SELECT event_type, outcome FROM audit_event WHERE id > ? AND record_id = ? ORDER BY id", recordId);
        }

        /** {@code TYPE:outcome} of every entry since the mark, in order. */
        List<String> entries() {
            return query("SELECT event_type, outcome FROM audit_event WHERE id > ? ORDER BY id", null);
        }

        private List<String> query(String sql, String recordId) {
            sequencer.drain(Duration.ofSeconds(10));
            List<String> entries = new ArrayList<>();
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, lastId);
                if (recordId != null) {
                    ps.setString(2, recordId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(rs.getString(1) + ":" + rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return entries;
        }
    }
}
