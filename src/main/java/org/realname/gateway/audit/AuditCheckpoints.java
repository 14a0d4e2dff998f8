package org.realname.gateway.audit;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * When the SM2-signed checkpoints of the chain head are written ({@link CheckpointWriter} writes
 * them): every {@link AuditConfig#checkpointEvery()} entries (the sequencer looks after each
 * batch) or when the oldest uncovered entry is older than {@link AuditConfig#checkpointInterval()}
 * (looked at every {@link AuditConfig#checkpointPoll()}), whichever comes first.
 *
 * <p>Never inside a request: a failure (no signing key, database down) is logged and the next
 * turn tries again; the requests that appended go on untouched.
 */
@ApplicationScoped
public class AuditCheckpoints {

    static final String RECORD_TYPE = CheckpointWriter.RECORD_TYPE;

    private final AuditSequencer sequencer;

    public AuditCheckpoints(AuditSequencer sequencer) {
        this.sequencer = sequencer;
    }

    @Scheduled(every = "${gateway.audit.checkpoint-poll:PT1M}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sequencer.checkpointByTimeNext();
    }

    /** Sequences what is queued, then writes a checkpoint when one is due by count or by time; returns its number. */
    public Optional<Long> writeIfDue() {
        return sequencer.checkpoint(false, true);
    }

    /** Sequences what is queued, then writes a checkpoint of the head unless it is already covered; returns its number. */
    public Optional<Long> writeNow() {
        return sequencer.checkpoint(true, false);
    }
}
