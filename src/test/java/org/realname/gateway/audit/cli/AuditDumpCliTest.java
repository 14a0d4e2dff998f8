package org.realname.gateway.audit.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.audit.AuditChainVerifier;
import org.realname.gateway.audit.AuditCheckpoints;
import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The offline check on H2's own CSV export (all fields quoted): same verdict as the online
 * check, and a tampered or deleted line is found at exactly its sequence number. The PostgreSQL
 * dump ({@code COPY ... CSV HEADER}, as psql's {@code \copy} writes it) is tested in
 * {@code PostgresAuditTrailTest}.
 */
@QuarkusTest
class AuditDumpCliTest {

    @Inject
    AuditTrail trail;
    @Inject
    AuditCheckpoints checkpoints;
    @Inject
    AuditChainVerifier verifier;
    @Inject
    DataSource dataSource;
    @Inject
    AuditSequencer sequencer;

    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void anIntactDump_passes_andATamperedLine_isFoundAtItsSequenceNumber() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "audit-dump-h2"));
        Path certs = dir.resolve("certs.pem");
        Files.writeString(certs, given().auth().oauth2(Api.token("auditor")).get("/api/v1/audit/certificates").then()
                .statusCode(200).extract().asString(), StandardCharsets.US_ASCII);
        long target = sequencer.awaitSequenced(trail.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM,
                AuditEventType.SESSION_FINISHED, "verification_session", "dumpcli-h2-target", "PASSED"), WAIT);
        checkpoints.writeNow().orElseThrow();
        trail.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.SESSION_FINISHED, "verification_session",
                "dumpcli-h2-after", "FAILED");
        sequencer.drain(WAIT);

        Path events = dir.resolve("events.csv");
        Path cps = dir.resolve("checkpoints.csv");
        Files.deleteIfExists(events);
        Files.deleteIfExists(cps);
        Db.string(dataSource, "CALL CSVWRITE(?, 'SELECT * FROM audit_checkpoint ORDER BY seq', 'charset=UTF-8')", cps.toString());
        Db.string(dataSource, "CALL CSVWRITE(?, 'SELECT * FROM audit_event ORDER BY seq', 'charset=UTF-8')", events.toString());
        AuditChainVerifier.Report online = verifier.verify();
        assertTrue(online.intact());

        DumpRun intact = DumpRun.of(events, cps, certs);
        assertEquals(0, intact.exitCode(), intact.out() + intact.err());
        assertEquals(online.checked(), intact.number("entries_checked"), "the same entries as the online check");
        assertEquals(online.checkpointsChecked(), intact.number("checkpoints_checked"));

        DumpRun changed = DumpRun.of(DumpRun.edit(events, "dumpcli-h2-target", "PASSED", "FAILED"), cps, certs);
        assertEquals(1, changed.exitCode(), changed.out() + changed.err());
        assertEquals(target, changed.number("first_broken_seq"));
        assertEquals("entry", changed.string("broken_link"));

        DumpRun deleted = DumpRun.of(DumpRun.edit(events, "dumpcli-h2-target", "", null), cps, certs);
        assertEquals(1, deleted.exitCode(), deleted.out());
        assertEquals(target, deleted.number("first_broken_seq"));
    }

    @Test
    void wrongUsage_exits2() {
        assertEquals(2, AuditDumpCli.run(new String[] {"--events"}, System.out, System.err));
        assertEquals(2, AuditDumpCli.run(new String[] {"--events", "x.csv", "--checkpoints", "y.csv",
            "--certificates", "target/does-not-exist.pem"}, System.out, System.err));
    }
}
