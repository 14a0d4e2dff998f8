package org.realname.gateway.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long data is kept (docs/operations.md "Retention"). */
@ConfigMapping(prefix = "gateway.retention")
public interface RetentionConfig {

    /** The legal minimum for audit entries (network-log rule): six months. */
    Duration AUDIT_FLOOR = Duration.ofDays(180);

    /**
     * Troubleshooting data: the security log (client address, user agent), the troubleshooting
     * columns of finished sessions, and sessions that ended without a result, with their consent
     * records. Counted from the session's end (or the security event's time).
     */
    @WithDefault("P30D")
    Duration troubleshooting();

    /**
     * How long audit entries must be kept at least; at least 180 days, or the gateway refuses to
     * start. The application never deletes audit entries at all, so it meets any minimum by
     * keeping them: archiving older entries is an operator's task.
     */
    @WithDefault("P180D")
    Duration auditMinimum();

    /**
     * Webhook delivery attempts (time, latency, status code; never bodies), counted from the
     * attempt. The deliveries themselves (ids and state) stay.
     */
    @WithDefault("P30D")
    Duration webhookAttempts();

    /**
     * A verified minor's data when the purpose ends, that is when consent is withdrawn:
     * {@code keep} (as any result: past results stay until erasure) or
     * {@code erase-on-withdrawal} (the withdrawal erases the account as an erasure request would:
     * data key destroyed, results {@code ERASED}, the guardian's name unreadable).
     */
    @WithDefault("keep")
    MinorResults minorResults();

    /** What withdrawal of consent does to the data of an account with a result flagged {@code minor}. */
    enum MinorResults {
        /** Nothing more than for an adult. */
        KEEP,
        /** Erase the account, as its erasure request would. */
        ERASE_ON_WITHDRAWAL
    }

    /** How often the purge runs (every instance; the statements are safe to run concurrently). */
    @WithDefault("PT1H")
    Duration purgeInterval();

    /** Delay of the first purge after start. */
    @WithDefault("PT5M")
    Duration purgeDelay();

    /**
     * How often the security log's queued rows are written, many in one transaction: a row
     * reaches the table at most this long after its request was answered (and is lost only if
     * the process dies in between; a normal stop writes what is queued).
     */
    @WithDefault("PT0.2S")
    Duration securityLogFlush();
}
