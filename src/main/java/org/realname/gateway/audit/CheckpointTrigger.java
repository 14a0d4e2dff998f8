package org.realname.gateway.audit;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * The append path's side of "every N entries": remembers the last checkpoint this instance
 * knows of and, when an append reaches N entries past it, fires {@link Due}, which
 * {@link AuditCheckpoints} observes after the append's transaction commits. The count here is
 * only a hint (other instances write checkpoints too); the writer decides under the head lock.
 */
@ApplicationScoped
public class CheckpointTrigger {

    /** A checkpoint may be due by count. */
    public record Due(long seq) {
    }

    private final AtomicLong lastCheckpointSeq = new AtomicLong();
    private final AuditConfig config;
    private final Event<Due> due;

    public CheckpointTrigger(AuditConfig config, Event<Due> due) {
        this.config = config;
        this.due = due;
    }

    /** Called by every append, inside its transaction. */
    void appended(long seq) {
        // +1: the checkpoint's own CHECKPOINT_WRITTEN entry right after the entry it covers.
        if (seq - (lastCheckpointSeq.get() + 1) >= config.checkpointEvery()) {
            due.fire(new Due(seq));
        }
    }

    void known(long checkpointSeq) {
        lastCheckpointSeq.accumulateAndGet(checkpointSeq, Math::max);
    }
}
