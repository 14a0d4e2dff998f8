package org.realname.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.realname.gateway.audit.cli.DumpRun;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * On a real PostgreSQL: the database refuses UPDATE, DELETE and TRUNCATE on the audit tables
 * (V10's triggers); a DBA who disables the trigger to change or delete an entry is still found at
 * exactly that sequence number; and the offline check of a {@code COPY ... CSV HEADER} dump (what
 * psql's {@code \copy} writes) gives the same verdict and the same sequence number.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresAuditTrailTest {

    @Inject
    AuditTrail trail;
    @Inject
    AuditSequencer sequencer;
    @Inject
    AuditCheckpoints checkpoints;
    @Inject
    AuditChainVerifier verifier;
    @Inject
    DataSource dataSource;

    /** Appends an entry and returns its sequence number once sequenced. */
    private long entry(String recordId, String outcome) {
        return sequencer.awaitSequenced(trail.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM,
                AuditEventType.SESSION_FINISHED, "verification_session", recordId, outcome), Duration.ofSeconds(10));
    }

    private static SQLException refusedBy(DataSource ds, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate(sql);
            }
        }, sql);
        assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        return e;
    }

    /** As a superuser would: the trigger off, the change, the trigger on, in one transaction. */
    private void asDba(String table, String trigger, String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " DISABLE TRIGGER " + trigger);
            }
            try (var ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " ENABLE TRIGGER " + trigger);
            }
            c.commit();
        }
    }

    @Test
    void theDatabase_refusesChangesToEntriesAndCheckpoints() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
        }
        long seq = entry("pg-refuse", "PASSED");
        checkpoints.writeNow().orElseThrow();
        refusedBy(dataSource, "UPDATE audit_event SET outcome = 'FAILED' WHERE seq = " + seq);
        refusedBy(dataSource, "DELETE FROM audit_event WHERE seq = " + seq);
        refusedBy(dataSource, "TRUNCATE audit_event");
        refusedBy(dataSource, "UPDATE audit_checkpoint SET signature = '00'");
        refusedBy(dataSource, "DELETE FROM audit_checkpoint");
        refusedBy(dataSource, "TRUNCATE audit_checkpoint");
        assertEquals("PASSED", Db.string(dataSource, "SELECT outcome FROM audit_event WHERE seq = ?", seq));
        // The head moves with every append: it stays updatable.
        entry("pg-refuse-2", "FAILED");
        assertTrue(verifier.verify().intact());
    }

    @Test
    void aDbaChangingAnEntry_withTheTriggerOff_isFoundAtThatSequenceNumber() throws Exception {
        long target = entry("pg-dba-change", "PASSED");
        entry("pg-dba-after", "FAILED");
        asDba("audit_event", "audit_event_append_only", "UPDATE audit_event SET outcome = 'FAILED' WHERE seq = ?", target);
        try {
            AuditChainVerifier.Report report = verifier.verify();
            assertFalse(report.intact());
            assertEquals(target, report.firstBrokenSeq());
            assertEquals("entry", report.brokenLink());
        } finally {
            asDba("audit_event", "audit_event_append_only", "UPDATE audit_event SET outcome = 'PASSED' WHERE seq = ?", target);
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void aDbaDeletingAnEntry_withTheTriggerOff_isFoundAtThatSequenceNumber() throws Exception {
        long target = entry("pg-dba-delete", "PASSED");
        entry("pg-dba-delete-after", "FAILED");
        Object[] saved = AuditRowsSupport.row(dataSource, "audit_event", "seq", target);
        asDba("audit_event", "audit_event_append_only", "DELETE FROM audit_event WHERE seq = ?", target);
        try {
            AuditChainVerifier.Report report = verifier.verify();
            assertFalse(report.intact());
            assertEquals(target, report.firstBrokenSeq());
        } finally {
            Db.exec(dataSource, AuditRowsSupport.insertSql("audit_event", saved.length), saved);
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void theOfflineCheckOfADump_givesTheSameVerdict_andFindsATamperedLine() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "audit-dump-pg"));
        Path certs = dir.resolve("certs.pem");
        Files.writeString(certs, given().auth().oauth2(Api.token("auditor")).get("/api/v1/audit/certificates").then()
                .statusCode(200).extract().asString(), StandardCharsets.US_ASCII);
        entry("pg-dump-before", "PASSED");
        long target = entry("pg-dump-target", "PASSED");
        long number = checkpoints.writeNow().orElseThrow();
        entry("pg-dump-after", "FAILED");

        Path events = dir.resolve("events.csv");
        Path cps = dir.resolve("checkpoints.csv");
        dump(cps, events);
        AuditChainVerifier.Report online = verifier.verify();
        assertTrue(online.intact(), String.valueOf(online));

        DumpRun intact = DumpRun.of(events, cps, certs);
        assertEquals(0, intact.exitCode(), intact.out() + intact.err());
        assertEquals(online.checked(), intact.number("entries_checked"), intact.out());
        assertEquals(online.checkpointsChecked(), intact.number("checkpoints_checked"), intact.out());

        DumpRun changed = DumpRun.of(DumpRun.edit(events, "pg-dump-target", "PASSED", "FAILED"), cps, certs);
        assertEquals(1, changed.exitCode(), changed.out() + changed.err());
        assertEquals(target, changed.number("first_broken_seq"));

        DumpRun deleted = DumpRun.of(DumpRun.edit(events, "pg-dump-target", "", null), cps, certs);
        assertEquals(1, deleted.exitCode(), deleted.out());
        assertEquals(target, deleted.number("first_broken_seq"));

        // A forged checkpoint signature: the checkpoint is the broken link.
        String line = Files.readAllLines(cps).stream().filter(l -> l.startsWith(number + ",")).findFirst().orElseThrow();
        String signature = line.substring(line.lastIndexOf(',') + 1);
        String forgedSig = (signature.charAt(10) == 'a' ? "b" : "a");
        DumpRun forged = DumpRun.of(events, DumpRun.edit(cps, signature, signature,
                signature.substring(0, 10) + forgedSig + signature.substring(11)), certs);
        assertEquals(1, forged.exitCode(), forged.out());
        assertEquals("checkpoint", forged.string("broken_link"));
        assertEquals(number, forged.number("broken_checkpoint"));
    }

    /** {@code \copy audit_checkpoint TO ... CSV HEADER}, then the entries, in one snapshot, as docs/audit.md says. */
    private void dump(Path checkpointsCsv, Path eventsCsv) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (Writer w = Files.newBufferedWriter(checkpointsCsv, StandardCharsets.UTF_8)) {
                copy.copyOut("COPY audit_checkpoint TO STDOUT WITH (FORMAT csv, HEADER)", w);
            }
            try (Writer w = Files.newBufferedWriter(eventsCsv, StandardCharsets.UTF_8)) {
                copy.copyOut("COPY audit_event TO STDOUT WITH (FORMAT csv, HEADER)", w);
            }
            c.commit();
        }
    }
}
