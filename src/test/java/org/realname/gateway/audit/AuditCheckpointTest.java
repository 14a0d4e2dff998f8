package org.realname.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.crypto.GmProvider;
import org.realname.gateway.keys.KeyKind;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Signed checkpoints of the chain head: written with their own entry, checked end to end, and
 * they catch what the chain alone cannot (a chain rewritten with recomputed hashes, entries
 * deleted at the end with the head rewritten, a forged signature, a deleted checkpoint). Each
 * tamper is undone at the end, as the test database is shared.
 */
@QuarkusTest
class AuditCheckpointTest {

    @Inject
    AuditTrail trail;
    @Inject
    AuditSequencer sequencer;
    @Inject
    AuditCheckpoints checkpoints;
    @Inject
    AuditChainVerifier verifier;
    @Inject
    KeyRingService keyRing;
    @Inject
    DataSource dataSource;

    /** Appends an entry and returns its sequence number once sequenced. */
    private long entry(String id) {
        return sequencer.awaitSequenced(trail.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM,
                AuditEventType.SESSION_CANCELED, "verification_session", id, null), Duration.ofSeconds(10));
    }

    @Test
    void aCheckpoint_isSignedOverTheHead_recordedRightAfter_andChecked() throws Exception {
        long seq = entry("cp0001");
        long number = checkpoints.writeNow().orElseThrow();

        assertEquals(seq, Db.count(dataSource, "SELECT seq FROM audit_checkpoint WHERE checkpoint_no = ?", number));
        assertEquals(Db.string(dataSource, "SELECT hash FROM audit_event WHERE seq = ?", seq),
                Db.string(dataSource, "SELECT head_hash FROM audit_checkpoint WHERE checkpoint_no = ?", number));
        assertEquals("CHECKPOINT_WRITTEN", Db.string(dataSource, "SELECT event_type FROM audit_event WHERE seq = ?", seq + 1));
        assertEquals(String.valueOf(number), Db.string(dataSource, "SELECT record_id FROM audit_event WHERE seq = ?", seq + 1));
        assertEquals("system", Db.string(dataSource, "SELECT actor FROM audit_event WHERE seq = ?", seq + 1));
        assertEquals("seq-" + seq, Db.string(dataSource, "SELECT outcome FROM audit_event WHERE seq = ?", seq + 1));

        StoredCheckpoint stored = AuditRowsSupport.checkpoint(dataSource, number);
        assertEquals(seq, stored.seq());
        String keyId = stored.keyId();
        byte[] signature = HexFormat.of().parseHex(stored.signatureHex());
        assertTrue(keyRing.verify(keyId, stored.signedBytes(), signature), "signature over the documented canonical form");

        AuditChainVerifier.Report report = verifier.verify();
        assertTrue(report.intact(), String.valueOf(report));
        assertTrue(report.checkpointsChecked() >= 1);
    }

    @Test
    void nothingNew_noCheckpoint() {
        entry("cp0002");
        checkpoints.writeNow().orElseThrow();
        assertTrue(checkpoints.writeNow().isEmpty(), "the head is covered: only the checkpoint's own entry followed");
        assertTrue(checkpoints.writeIfDue().isEmpty());
    }

    @Test
    void aForgedSignature_isTheBrokenLink() {
        long seq = entry("cp0003");
        long number = checkpoints.writeNow().orElseThrow();
        String real = Db.string(dataSource, "SELECT signature FROM audit_checkpoint WHERE checkpoint_no = ?", number);
        String forged = (real.charAt(20) == 'a' ? "b" : "a");
        Db.exec(dataSource, "UPDATE audit_checkpoint SET signature = ? WHERE checkpoint_no = ?",
                real.substring(0, 20) + forged + real.substring(21), number);
        try {
            AuditChainVerifier.Report report = verifier.verify();
            assertFalse(report.intact());
            assertEquals(seq, report.firstBrokenSeq());
            assertEquals("checkpoint", report.brokenLink());
            assertEquals(number, report.brokenCheckpoint());
        } finally {
            Db.exec(dataSource, "UPDATE audit_checkpoint SET signature = ? WHERE checkpoint_no = ?", real, number);
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void aChainRewrittenWithRecomputedHashes_isCaughtByTheCheckpoint() throws Exception {
        long target = entry("cp0004");
        entry("cp0005");
        long number = checkpoints.writeNow().orElseThrow();
        long covered = Db.count(dataSource, "SELECT seq FROM audit_checkpoint WHERE checkpoint_no = ?", number);
        List<StoredEntry> original = AuditRowsSupport.entriesFrom(dataSource, target);
        String headHash = Db.string(dataSource, "SELECT hash FROM audit_head WHERE id = 1");

        // The attacker changes one outcome and recomputes every hash after it, and the head.
        String previous = original.get(0).prevHash();
        for (StoredEntry e : original) {
            String outcome = e.seq() == target ? "PASSED" : e.outcome();
            String hash = AuditRowsSupport.link(previous, e, outcome);
            Db.exec(dataSource, "UPDATE audit_event SET outcome = ?, prev_hash = ?, hash = ? WHERE seq = ?", outcome,
                    previous, hash, e.seq());
            previous = hash;
        }
        Db.exec(dataSource, "UPDATE audit_head SET hash = ? WHERE id = 1", previous);
        try {
            AuditChainVerifier.Report report = verifier.verify();
            assertFalse(report.intact());
            assertEquals("checkpoint", report.brokenLink());
            assertEquals(number, report.brokenCheckpoint());
            assertEquals(covered, report.firstBrokenSeq());
        } finally {
            for (StoredEntry e : original) {
                Db.exec(dataSource, "UPDATE audit_event SET outcome = ?, prev_hash = ?, hash = ? WHERE seq = ?", e.outcome(),
                        e.prevHash(), e.hash(), e.seq());
            }
            Db.exec(dataSource, "UPDATE audit_head SET hash = ? WHERE id = 1", headHash);
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void entriesDeletedAtTheEnd_withTheHeadRewritten_areCaughtByTheCheckpoint() throws Exception {
        entry("cp0006");
        long last = entry("cp0007");
        long number = checkpoints.writeNow().orElseThrow();
        Object[] covered = AuditRowsSupport.row(dataSource, "audit_event", "seq", last);
        Object[] own = AuditRowsSupport.row(dataSource, "audit_event", "seq", last + 1);
        long headSeq = Db.count(dataSource, "SELECT seq FROM audit_head WHERE id = 1");
        String headHash = Db.string(dataSource, "SELECT hash FROM audit_head WHERE id = 1");
        assertEquals(last + 1, headSeq);

        Db.exec(dataSource, "DELETE FROM audit_event WHERE seq >= ?", last);
        Db.exec(dataSource, "UPDATE audit_head SET seq = ?, hash = (SELECT hash FROM audit_event WHERE seq = ?) WHERE id = 1",
                last - 1, last - 1);
        try {
            AuditChainVerifier.Report report = verifier.verify();
            assertFalse(report.intact());
            assertEquals(last, report.firstBrokenSeq());
            assertEquals("checkpoint", report.brokenLink());
            assertEquals(number, report.brokenCheckpoint());
        } finally {
            Db.exec(dataSource, AuditRowsSupport.insertSql("audit_event", covered.length), covered);
            Db.exec(dataSource, AuditRowsSupport.insertSql("audit_event", own.length), own);
            Db.exec(dataSource, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", headSeq, headHash);
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void aDeletedCheckpoint_isFoundByItsEntry() throws Exception {
        entry("cp0008");
        long number = checkpoints.writeNow().orElseThrow();
        long seq = Db.count(dataSource, "SELECT seq FROM audit_checkpoint WHERE checkpoint_no = ?", number);
        Object[] saved = AuditRowsSupport.row(dataSource, "audit_checkpoint", "checkpoint_no", number);
        Db.exec(dataSource, "DELETE FROM audit_checkpoint WHERE checkpoint_no = ?", number);
        try {
            AuditChainVerifier.Report report = verifier.verify();
            assertFalse(report.intact());
            assertEquals(seq + 1, report.firstBrokenSeq());
            assertEquals("checkpoint", report.brokenLink());
            assertEquals(number, report.brokenCheckpoint());
        } finally {
            Db.exec(dataSource, AuditRowsSupport.insertSql("audit_checkpoint", saved.length), saved);
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void theApiReport_countsCheckpoints() {
        entry("cp0009");
        checkpoints.writeNow().orElseThrow();
        given().auth().oauth2(Api.token("auditor")).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("checkpoints_checked", greaterThanOrEqualTo(1));
    }

    @Test
    void auditorsGetTheSigningCertificates_asPem_andTheReadIsRecorded() throws Exception {
        long before = Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'AUDIT_QUERIED' "
                + "AND record_type = 'signing_certificates'");
        String pem = given().auth().oauth2(Api.token("auditor")).get("/api/v1/audit/certificates").then().statusCode(200)
                .extract().asString();
        var certs = CertificateFactory.getInstance("X.509", GmProvider.provider())
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        String active = keyRing.activeKeyId(KeyKind.SIGNING);
        assertTrue(certs.stream().anyMatch(c -> ((java.security.cert.X509Certificate) c).getSubjectX500Principal().getName()
                .contains("realname-gateway " + active)), pem);
        assertEquals(before + 1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'AUDIT_QUERIED' "
                + "AND record_type = 'signing_certificates'"));
        given().auth().oauth2(Api.token("platform")).get("/api/v1/audit/certificates").then().statusCode(403);
    }
}
