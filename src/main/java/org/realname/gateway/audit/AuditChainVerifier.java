package org.realname.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.KeyRingService;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Checks the trail in the database end to end with {@link AuditChainWalk}: every entry's hash
 * and link, every checkpoint's signature ({@link KeyRingService#verify}) and hash, and the head
 * row. Reports the first broken link.
 *
 * <p>Appends go on while it runs, so it first takes the head row as it is and checks the chain
 * up to there; checkpoints written later are then only checked for pointing beyond the last
 * entry (entries deleted at the end, head rewritten to match).
 */
@ApplicationScoped
public class AuditChainVerifier {

    private final DataSource dataSource;
    private final KeyRingService keyRing;
    private final AuditSequencer sequencer;
    private final Clock clock;

    public AuditChainVerifier(DataSource dataSource, KeyRingService keyRing, AuditSequencer sequencer, Clock clock) {
        this.dataSource = dataSource;
        this.keyRing = keyRing;
        this.sequencer = sequencer;
        this.clock = clock;
    }

    /**
     * Checks the sequenced chain up to the head and adds how many entries it holds and what still
     * waits in the queue (queued entries are not part of the chain yet, so not checked).
     */
    public Report verify() {
        AuditSequencer.QueueState queue = sequencer.queue();
        Report report = verifyChain();
        return report.withQueue(headSeq(), queue, Instant.now(clock));
    }

    private long headSeq() {
        try (Connection c = dataSource.getConnection()) {
            return AuditHead.peek(c).seq();
        } catch (SQLException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The audit trail could not be read", e);
        }
    }

    /**
     * The outcome of a check. {@code broken_link} says what broke ({@code entry}, {@code checkpoint}
     * or {@code head}); {@code first_broken_seq} is the entry's sequence number (for a checkpoint,
     * the entry it covers; for entries deleted at the end, the first missing one).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(@JsonProperty("intact") boolean intact, @JsonProperty("entries_checked") long checked,
            @JsonProperty("first_broken_seq") Long firstBrokenSeq, @JsonProperty("reason") String reason,
            @JsonProperty("checkpoints_checked") long checkpointsChecked,
            @JsonProperty("broken_link") String brokenLink,
            @JsonProperty("broken_checkpoint") Long brokenCheckpoint,
            @JsonProperty("entries_sequenced") Long entriesSequenced,
            @JsonProperty("queue_depth") Long queueDepth,
            @JsonProperty("queue_oldest_age_ms") Long queueOldestAgeMs) {

        /** A walk's report, without the queue (which an offline dump does not have). */
        public Report(boolean intact, long checked, Long firstBrokenSeq, String reason, long checkpointsChecked,
                String brokenLink, Long brokenCheckpoint) {
            this(intact, checked, firstBrokenSeq, reason, checkpointsChecked, brokenLink, brokenCheckpoint, null, null,
                    null);
        }

        Report withQueue(long headSeq, AuditSequencer.QueueState queue, Instant now) {
            Long age = queue.oldest() == null ? null : Math.max(0, Duration.between(queue.oldest(), now).toMillis());
            return new Report(intact, checked, firstBrokenSeq, reason, checkpointsChecked, brokenLink, brokenCheckpoint,
                    headSeq, queue.depth(), age);
        }

        public static final String ENTRY = "entry";
        public static final String CHECKPOINT = "checkpoint";
        public static final String HEAD = "head";
    }

    private Report verifyChain() {
        try (Connection c = dataSource.getConnection()) {
            long headSeq;
            String headHash;
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                headSeq = rs.getLong(1);
                headHash = rs.getString(2);
            }
            AuditChainWalk.Result walked = AuditChainWalk.walk(AuditRows.entries(c, headSeq),
                    AuditRows.checkpoints(c, headSeq), keyRing::verify);
            Report report = walked.report();
            if (!report.intact()) {
                return report;
            }
            AuditChainWalk.End end = walked.end();
            if (end.lastSeq() != headSeq) {
                return head(report, end.lastSeq() + 1, "entry missing (deleted at the end)");
            }
            if (!end.lastHash().equals(headHash)) {
                return head(report, end.lastSeq(), "head hash does not match the last entry");
            }
            return checkpointsBeyond(c, headSeq, report);
        } catch (SQLException | AuditRows.ReadFailure e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The audit trail could not be read", e);
        }
    }

    /**
     * A checkpoint past the head snapshot is fine when its entry exists (written meanwhile). The
     * last entry is read after the checkpoints, and entries are only ever appended, so a
     * legitimate later checkpoint always finds its entry.
     */
    private static Report checkpointsBeyond(Connection c, long headSeq, Report report) throws SQLException {
        long number = 0;
        long seq = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT checkpoint_no, seq FROM audit_checkpoint WHERE seq > ? ORDER BY seq DESC")) {
            ps.setLong(1, headSeq);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return report;
                }
                number = rs.getLong(1);
                seq = rs.getLong(2);
            }
        }
        long last;
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM audit_event"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            last = rs.getLong(1);
        }
        if (seq > last) {
            return new Report(false, report.checked(), last + 1, "checkpoint " + number + " covers entry " + seq
                    + " beyond the last entry: entries deleted at the end", report.checkpointsChecked(),
                    Report.CHECKPOINT, number);
        }
        return report;
    }

    private static Report head(Report report, long seq, String reason) {
        return new Report(false, report.checked(), seq, reason, report.checkpointsChecked(), Report.HEAD, null);
    }
}
