package org.realname.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Db;

/**
 * The queue and the sequencer (docs/audit.md, "Queue and sequencer"), on H2 and PostgreSQL:
 * writers never wait for the head; a transaction that commits late, with a lower id than
 * entries already sequenced, is sequenced exactly once; sequencers racing each other give one
 * gap-free chain.
 */
public abstract class AuditSequencerContract {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    AuditTrail trail;
    @Inject
    AuditSequencer sequencer;
    @Inject
    AuditChainVerifier verifier;
    @Inject
    DataSource dataSource;
    @Inject
    AuditGroupCommit groupCommit;

    private long record(String recordId) {
        return trail.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.SESSION_CANCELED, "verification_session",
                recordId, null);
    }

    private Long seqOf(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_event WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "entry " + id + " exists");
                long seq = rs.getLong(1);
                return rs.wasNull() ? null : seq;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writers_doNotWaitForTheHead_andTheQueueIsReported() throws Exception {
        // Another sequencer holds the head (as a slow one might): appends still go through at once.
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement();
                    ResultSet rs = s.executeQuery("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE")) {
                assertTrue(rs.next());
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<long[]> appended = pool.submit(() -> new long[] {record("q-1"), record("q-2"), record("q-3")});
                long[] ids = appended.get(10, TimeUnit.SECONDS);
                assertNull(seqOf(ids[0]), "queued, not yet sequenced: the head is held");
                assertEquals(0, sequencer.sequenceOnce().sequenced(), "a sequencer that finds the head held skips its turn");

                AuditChainVerifier.Report report = verifier.verify();
                assertTrue(report.intact(), String.valueOf(report));
                assertTrue(report.queueDepth() >= 3, String.valueOf(report));
                assertNotNull(report.queueOldestAgeMs());
                assertTrue(report.queueOldestAgeMs() >= 0, String.valueOf(report));
                assertEquals(report.checked(), report.entriesSequenced(), "every sequenced entry checked");
            } finally {
                holder.rollback();
                pool.shutdownNow();
            }
        }
        sequencer.drain(WAIT);
        AuditChainVerifier.Report after = verifier.verify();
        assertEquals(0, after.queueDepth(), String.valueOf(after));
        assertNull(after.queueOldestAgeMs());
    }

    @Test
    void aLateCommit_withALowerId_isSequencedExactlyOnce() throws Exception {
        long lateId;
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            try (PreparedStatement ps = late.prepareStatement("INSERT INTO audit_event (occurred_at, actor, actor_role, "
                    + "event_type, record_type, record_id, outcome) VALUES (?, 'system', 'system', 'SESSION_CANCELED', "
                    + "'verification_session', 'late-commit', NULL)", new String[] {"id"})) {
                ps.setTimestamp(1, Timestamp.from(Instant.now()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    lateId = keys.getLong(1);
                }
            }
            // Written after, committed first: sequenced while the earlier insert is still open.
            long early = record("early-commit");
            assertTrue(early > lateId, "the later insert has the higher id");
            long earlySeq = sequencer.awaitSequenced(early, WAIT);
            assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE id = ?", lateId),
                    "an uncommitted entry is not seen, so not sequenced");

            late.commit();
            long lateSeq = sequencer.awaitSequenced(lateId, WAIT);
            assertTrue(lateSeq > earlySeq, "sequenced after the entries that committed before it");
        }
        sequencer.drain(WAIT);
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE record_id = 'late-commit'"));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE seq IS NULL AND id <= ?", lateId));
        assertGapFree();
    }

    @Test
    void racingSequencers_andWriters_giveOneGapFreeChain() throws Exception {
        int writers = 4;
        int perWriter = 150;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 3);
        try {
            List<Future<?>> sequencers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                // Three more sequencers beside the background one, turning as fast as they can.
                sequencers.add(pool.submit((Callable<Void>) () -> {
                    while (writing.get()) {
                        sequencer.sequenceOnce();
                    }
                    return null;
                }));
            }
            List<Future<List<Long>>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                written.add(pool.submit(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        ids.add(record("race-" + writer + "-" + i));
                    }
                    return ids;
                }));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<List<Long>> f : written) {
                ids.addAll(f.get(120, TimeUnit.SECONDS));
            }
            writing.set(false);
            for (Future<?> f : sequencers) {
                f.get(60, TimeUnit.SECONDS);
            }
            sequencer.drain(WAIT);
            assertEquals(writers * perWriter, ids.size());
            for (long id : ids) {
                assertNotNull(seqOf(id), "entry " + id + " sequenced");
            }
        } finally {
            pool.shutdownNow();
        }
        assertGapFree();
    }

    @Test
    void groupCommittedReads_areOnTheTrailWhenAnswered_andSequencedLikeTheRest() throws Exception {
        int readers = 16;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                int reader = r;
                done.add(pool.submit(() -> {
                    int seen = 0;
                    for (int i = 0; i < each; i++) {
                        String account = "grouped-" + reader + "-" + i;
                        groupCommit.record("platform-client", "platform", AuditEventType.RESULT_READ, "account", account,
                                "not-verified");
                        // Returned: committed, visible to anyone.
                        seen += (int) Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE record_id = ?", account);
                    }
                    return seen;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(each, f.get(60, TimeUnit.SECONDS), "every entry on the trail when its read returns");
            }
        } finally {
            pool.shutdownNow();
        }
        sequencer.drain(WAIT);
        assertEquals(readers * each, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE record_id LIKE 'grouped-%' "
                + "AND seq IS NOT NULL"));
        assertGapFree();
    }

    /** Sequence numbers 1..head without a gap or repeat, and the chain checks end to end. */
    private void assertGapFree() {
        long head = Db.count(dataSource, "SELECT seq FROM audit_head WHERE id = 1");
        assertEquals(head, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE seq IS NOT NULL"));
        assertEquals(head, Db.count(dataSource, "SELECT COUNT(DISTINCT seq) FROM audit_event"));
        assertEquals(head, Db.count(dataSource, "SELECT MAX(seq) FROM audit_event"));
        AuditChainVerifier.Report report = verifier.verify();
        assertTrue(report.intact(), String.valueOf(report));
        assertTrue(report.checked() >= head - 1, String.valueOf(report));
    }
}
