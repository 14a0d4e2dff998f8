package org.realname.gateway.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit trail's sequencer and checkpoints (docs/audit.md). */
@ConfigMapping(prefix = "gateway.audit")
public interface AuditConfig {

    /**
     * A checkpoint is due once this many entries were appended since the last one (its own
     * {@code CHECKPOINT_WRITTEN} entry not counted). The sequencing batch that reaches it writes
     * one at its end, in the background, never inside a request.
     */
    @WithDefault("1000")
    int checkpointEvery();

    /**
     * A checkpoint is also due when the oldest entry not yet covered is older than this, so no
     * entry stays unsigned much longer than this on a quiet gateway. An idle trail gets none.
     */
    @WithDefault("PT15M")
    Duration checkpointInterval();

    /** How often each instance looks whether a checkpoint is due by time ({@link AuditCheckpoints}). */
    @WithDefault("PT1M")
    Duration checkpointPoll();

    /**
     * How long the sequencer of each instance rests after it found the queue empty or only part
     * of a batch: the longest an entry waits for its sequence number on a running gateway (plus
     * one batch's work). A full batch is followed by the next at once.
     */
    @WithDefault("PT0.2S")
    Duration sequenceInterval();

    /** Entries given positions in one sequencing transaction. */
    @WithDefault("1000")
    int sequenceBatch();
}
