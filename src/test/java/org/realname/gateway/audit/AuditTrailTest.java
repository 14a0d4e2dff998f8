package org.realname.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;

import io.quarkus.test.junit.QuarkusTest;

/** The hash chain: intact after appends; a changed or deleted entry is reported by its sequence number. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    AuditTrail trail;
    @Inject
    AuditChainVerifier verifier;
    @Inject
    DataSource dataSource;
    @Inject
    AuditSequencer sequencer;

    /** The sequence number the sequencer gave entry {@code id}. */
    private long seq(long id) {
        return sequencer.awaitSequenced(id, Duration.ofSeconds(10));
    }

    @Test
    void appendedEntries_formAnIntactChain() {
        long first = trail.record(AuditTrail.SYSTEM, "system", AuditEventType.SESSION_EXPIRED, "verification_session",
                "0123456789abcdef0123456789abcdef", "expired");
        long second = trail.record("platform-client", "platform", AuditEventType.SESSION_CREATED, "verification_session",
                "fedcba9876543210fedcba9876543210", null);
        assertTrue(second > first, "ids in insert order");
        assertEquals(seq(first) + 1, seq(second), "sequenced in insert order, without a gap");
        AuditChainVerifier.Report report = verifier.verify();
        assertTrue(report.intact(), String.valueOf(report));
        assertTrue(report.checked() >= 2);
    }

    @Test
    void aChangedEntry_isReportedBySequenceNumber_andTheFixRestoresTheChain() {
        trail.record(AuditTrail.SYSTEM, "system", AuditEventType.SESSION_CANCELED, "verification_session", "aaaa1111", null);
        long target = seq(trail.record(AuditTrail.SYSTEM, "system", AuditEventType.SESSION_FINISHED,
                "verification_session", "bbbb2222", "PASSED"));
        seq(trail.record(AuditTrail.SYSTEM, "system", AuditEventType.SESSION_FINISHED, "verification_session", "cccc3333",
                "FAILED"));

        Db.exec(dataSource, "UPDATE audit_event SET outcome = 'FAILED' WHERE seq = ?", target);
        AuditChainVerifier.Report report = verifier.verify();
        assertFalse(report.intact());
        assertEquals(target, report.firstBrokenSeq());

        Db.exec(dataSource, "UPDATE audit_event SET outcome = 'PASSED' WHERE seq = ?", target);
        assertTrue(verifier.verify().intact());
    }

    @Test
    void aDeletedEntry_isReportedBySequenceNumber() throws Exception {
        long target = seq(trail.record(AuditTrail.SYSTEM, "system", AuditEventType.KEY_ROTATED, "key_version", "kek-v2",
                null));
        seq(trail.record(AuditTrail.SYSTEM, "system", AuditEventType.RETENTION_PURGE, null, null, "0"));

        Object[] saved = row(target);
        Db.exec(dataSource, "DELETE FROM audit_event WHERE seq = ?", target);
        AuditChainVerifier.Report report = verifier.verify();
        assertFalse(report.intact());
        assertEquals(target, report.firstBrokenSeq());

        Db.exec(dataSource, "INSERT INTO audit_event (seq, occurred_at, actor, actor_role, event_type, record_type, "
                + "record_id, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", saved);
        assertTrue(verifier.verify().intact());
    }

    @Test
    void freeTextCannotEnterTheTrail() {
        assertThrows(IllegalArgumentException.class, () -> trail.record("张三", "platform",
                AuditEventType.RESULT_READ, "verification_result", "x", null));
        assertThrows(IllegalArgumentException.class, () -> trail.record("a", "platform",
                AuditEventType.RESULT_READ, "verification_result", "110105 19491231002X", null));
    }

    @Test
    void auditorsCheckTheChain_andTheCheckIsItselfRecorded() {
        long before = Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'AUDIT_VERIFIED'");
        given().auth().oauth2(Api.token("auditor")).get("/api/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
        assertEquals(before + 1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'AUDIT_VERIFIED'"));
        given().auth().oauth2(Api.token("platform")).get("/api/v1/audit/verify").then().statusCode(403);
    }

    private Object[] row(long seq) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT seq, occurred_at, actor, actor_role, event_type, "
                        + "record_type, record_id, outcome, prev_hash, hash FROM audit_event WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                Object[] values = new Object[10];
                for (int i = 0; i < 10; i++) {
                    values[i] = rs.getObject(i + 1);
                }
                return values;
            }
        }
    }
}
