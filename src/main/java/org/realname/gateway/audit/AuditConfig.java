package org.realname.gateway.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit trail's checkpoints (docs/audit.md). */
@ConfigMapping(prefix = "gateway.audit")
public interface AuditConfig {

    /**
     * A checkpoint is due once this many entries were appended since the last one (its own
     * {@code CHECKPOINT_WRITTEN} entry not counted). The append that reaches it asks for one
     * after its transaction commits; the checkpoint is written in the background.
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
}
