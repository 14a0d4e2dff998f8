package org.realname.gateway.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Enforces expiry even when nobody looks: sessions that never reached the provider expire in
 * one statement; overdue pending ones are settled with the provider first, so an outcome the
 * user already produced is never thrown away.
 */
@ApplicationScoped
public class SessionSweep {

    private static final Logger LOG = Logger.getLogger(SessionSweep.class);

    private final SessionRepository sessions;
    private final SessionSettler settler;
    private final SessionConfig config;
    private final Clock clock;

    public SessionSweep(SessionRepository sessions, SessionSettler settler, SessionConfig config, Clock clock) {
        this.sessions = sessions;
        this.settler = settler;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.session.sweep-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** One pass; returns how many sessions it finished. */
    public int sweep() {
        Instant now = Instant.now(clock);
        int expired = QuarkusTransaction.requiringNew().call(() -> sessions.expireOverdueBeforeProvider(now));
        List<String> pending = QuarkusTransaction.requiringNew().call(() -> sessions.overduePending(now, config.sweepBatch()));
        int settled = 0;
        for (String id : pending) {
            try {
                VerificationStatus status = settler.settle(id, true);
                if (status != null && status.isFinal()) {
                    settled++;
                }
            } catch (RuntimeException e) {
                LOG.warnf("Could not settle session %s: %s", id, e.getClass().getSimpleName());
            }
        }
        if (expired + settled > 0) {
            LOG.infof("Sweep expired %d sessions and settled %d overdue pending ones", expired, settled);
        }
        return expired + settled;
    }
}
