package org.realname.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Db;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Checkpoints come by themselves: after N appends (in the background, after commit) and after the interval. */
@QuarkusTest
@TestProfile(CheckpointScheduleTest.Frequent.class)
class CheckpointScheduleTest {

    public static class Frequent implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.audit.checkpoint-every", "5", "gateway.audit.checkpoint-interval", "PT4S");
        }
    }

    @Inject
    AuditTrail trail;
    @Inject
    AuditCheckpoints checkpoints;
    @Inject
    AuditChainVerifier verifier;
    @Inject
    DataSource dataSource;

    private long entry() {
        return trail.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.RETENTION_PURGE, null, null, "count-0");
    }

    @Test
    void theFifthAppend_bringsACheckpoint_withoutAnyoneAsking() throws InterruptedException {
        checkpoints.writeNow();
        long fifthId = 0;
        for (int i = 0; i < 5; i++) {
            fifthId = entry();
        }
        // Nobody asks: the background sequencer gives the entries their numbers and, reaching the
        // count, writes the checkpoint.
        long deadline = System.currentTimeMillis() + 10_000;
        long fifth = 0;
        while (System.currentTimeMillis() < deadline && (fifth == 0
                || Db.count(dataSource, "SELECT COUNT(*) FROM audit_checkpoint WHERE seq >= ?", fifth) == 0)) {
            Thread.sleep(100);
            fifth = Db.count(dataSource, "SELECT COALESCE(seq, 0) FROM audit_event WHERE id = ?", fifthId);
        }
        assertTrue(fifth > 0, "the fifth entry was sequenced");
        assertTrue(Db.count(dataSource, "SELECT COUNT(*) FROM audit_checkpoint WHERE seq >= ?", fifth) > 0,
                "a checkpoint covers the fifth entry");
        assertTrue(verifier.verify().intact());
    }

    @Test
    void fewerEntries_waitForTheInterval() throws InterruptedException {
        checkpoints.writeNow();
        entry();
        assertTrue(checkpoints.writeIfDue().isEmpty(), "one fresh entry: not due yet");
        Thread.sleep(4_200);
        assertTrue(checkpoints.writeIfDue().isPresent(), "the oldest uncovered entry is older than the interval");
        assertTrue(verifier.verify().intact());
    }
}
