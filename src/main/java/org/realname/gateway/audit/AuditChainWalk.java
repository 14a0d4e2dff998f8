package org.realname.gateway.audit;

import java.util.HexFormat;
import java.util.Iterator;

import org.realname.gateway.audit.AuditChainVerifier.Report;

/**
 * The one chain check, shared by the online verifier ({@link AuditChainVerifier}, over the
 * database) and the offline one ({@code AuditDumpCli}, over a CSV dump): it walks entries in
 * sequence order and checkpoints in sequence order side by side and stops at the first broken
 * link. It holds nothing but the current position, so it runs over any number of rows.
 *
 * <p>What it finds, in sequence order:
 * <ul>
 * <li>an entry missing (a gap), out of order or duplicated; a previous-hash that is not the
 * hash before it (re-linked); an entry whose values changed (its hash no longer matches) or
 * that cannot be read (malformed);</li>
 * <li>a checkpoint whose signature does not verify under its key; whose hash is not the chain's
 * hash at its sequence number (the chain was rewritten up to there, even with hashes
 * recomputed); whose number leaves a gap, or whose {@code CHECKPOINT_WRITTEN} entry has no
 * checkpoint (a checkpoint was deleted);</li>
 * <li>a checkpoint beyond the last entry: entries were deleted at the end, even when the head
 * row was rewritten to match.</li>
 * </ul>
 */
public final class AuditChainWalk {

    /** Checks a checkpoint's signature: whether {@code signature} over {@code data} is by signing key {@code keyId}. */
    @FunctionalInterface
    public interface SignatureCheck {
        boolean verify(String keyId, byte[] data, byte[] signature);
    }

    /** Where the walk ended when nothing was broken: the last entry's sequence number and hash. */
    public record End(long lastSeq, String lastHash) {
    }

    /** The outcome of a walk: a report, and where the chain ended. */
    public record Result(Report report, End end) {
    }

    private final SignatureCheck signatures;
    private String previous = AuditChain.GENESIS;
    private long expected = 1;
    private long entries;
    private long checkpoints;
    private long nextCheckpointNumber = 1;
    private StoredCheckpoint lastCheckpoint;

    private AuditChainWalk(SignatureCheck signatures) {
        this.signatures = signatures;
    }

    /** Walks {@code entryRows} (ascending seq) against {@code checkpointRows} (ascending seq). */
    public static Result walk(Iterator<StoredEntry> entryRows, Iterator<StoredCheckpoint> checkpointRows,
            SignatureCheck signatures) {
        return new AuditChainWalk(signatures).run(entryRows, checkpointRows);
    }

    private Result run(Iterator<StoredEntry> entryRows, Iterator<StoredCheckpoint> checkpointRows) {
        StoredCheckpoint cp = checkpointRows.hasNext() ? checkpointRows.next() : null;
        while (entryRows.hasNext()) {
            StoredEntry e = entryRows.next();
            Report broken = checkEntry(e);
            if (broken != null) {
                return new Result(broken, null);
            }
            while (cp != null && cp.seq() <= e.seq()) {
                broken = checkCheckpoint(cp, e.seq());
                if (broken != null) {
                    return new Result(broken, null);
                }
                cp = checkpointRows.hasNext() ? checkpointRows.next() : null;
            }
        }
        if (cp != null) {
            return new Result(checkpointBroken(cp, expected, "checkpoint " + cp.number() + " covers entry " + cp.seq()
                    + " beyond the last entry: entries deleted at the end"), null);
        }
        return new Result(intact(), new End(expected - 1, previous));
    }

    private Report checkEntry(StoredEntry e) {
        if (e.seq() > expected) {
            return entryBroken(expected, "entry missing (deleted)");
        }
        if (e.seq() < expected) {
            return entryBroken(e.seq(), "entry out of order or duplicated");
        }
        if (!previous.equals(e.prevHash())) {
            return entryBroken(e.seq(), "previous-hash does not match the entry before");
        }
        AuditEntry entry;
        try {
            entry = new AuditEntry(e.seq(), e.occurredAt(), e.actor(), e.actorRole(), AuditEventType.valueOf(e.eventType()),
                    e.recordType(), e.recordId(), e.outcome());
        } catch (IllegalArgumentException | NullPointerException ex) {
            return entryBroken(e.seq(), "entry is malformed (changed)");
        }
        String hash = AuditChain.link(previous, entry);
        if (!hash.equals(e.hash())) {
            return entryBroken(e.seq(), "entry changed (hash does not match)");
        }
        if (entry.type() == AuditEventType.CHECKPOINT_WRITTEN && !recordsLastCheckpoint(entry)) {
            return new Report(false, entries, e.seq(), "the checkpoint this entry records is missing (deleted)",
                    checkpoints, Report.CHECKPOINT, parseNumber(entry.recordId()));
        }
        previous = hash;
        expected = e.seq() + 1;
        entries++;
        return null;
    }

    /** A checkpoint's own entry comes right after the entry it covers (same transaction, head locked). */
    private boolean recordsLastCheckpoint(AuditEntry entry) {
        return lastCheckpoint != null && String.valueOf(lastCheckpoint.number()).equals(entry.recordId())
                && lastCheckpoint.seq() == entry.seq() - 1;
    }

    private Report checkCheckpoint(StoredCheckpoint cp, long currentSeq) {
        if (cp.number() != nextCheckpointNumber) {
            return checkpointBroken(cp, cp.seq(), cp.number() > nextCheckpointNumber
                    ? "checkpoint " + nextCheckpointNumber + " missing (deleted)"
                    : "checkpoint " + cp.number() + " out of order or duplicated");
        }
        if (cp.seq() != currentSeq) {
            // Below the entry just checked: it named an entry that is not in the chain.
            return checkpointBroken(cp, cp.seq(), "checkpoint " + cp.number() + " covers an entry that is not in the chain");
        }
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(cp.signatureHex());
        } catch (IllegalArgumentException | NullPointerException e) {
            signature = null;
        }
        if (signature == null || cp.keyId() == null || cp.createdAt() == null
                || !signatures.verify(cp.keyId(), cp.signedBytes(), signature)) {
            return checkpointBroken(cp, cp.seq(), "checkpoint " + cp.number() + ": signature does not verify under key "
                    + cp.keyId());
        }
        if (!previous.equals(cp.headHash())) {
            return checkpointBroken(cp, cp.seq(), "checkpoint " + cp.number() + ": the chain's hash at entry " + cp.seq()
                    + " differs from the signed one (entries up to there were rewritten)");
        }
        checkpoints++;
        nextCheckpointNumber++;
        lastCheckpoint = cp;
        return null;
    }

    private Report intact() {
        return new Report(true, entries, null, null, checkpoints, null, null);
    }

    private Report entryBroken(long seq, String reason) {
        return new Report(false, entries, seq, reason, checkpoints, Report.ENTRY, null);
    }

    private Report checkpointBroken(StoredCheckpoint cp, long seq, String reason) {
        return new Report(false, entries, seq, reason, checkpoints, Report.CHECKPOINT, cp.number());
    }

    private static Long parseNumber(String recordId) {
        try {
            return Long.valueOf(recordId);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
