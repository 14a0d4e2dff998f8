package org.realname.gateway.session;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Enforces expiry even when nobody looks: sessions that never reached the provider expire in
 * one statement. Pending ones are at the provider and are the {@link Reconciler}'s: it asks the
 * provider first, so an outcome the user already produced is never thrown away.
 */
@ApplicationScoped
public class SessionSweep {

    private static final Logger LOG = Logger.getLogger(SessionSweep.class);

    private final SessionRepository sessions;
    private final AuditTrail audit;
    private final Clock clock;

    public SessionSweep(SessionRepository sessions, AuditTrail audit, Clock clock) {
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.session.sweep-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** One pass; returns how many sessions it expired. */
    public int sweep() {
        Instant now = Instant.now(clock);
        int expired = QuarkusTransaction.requiringNew().call(() -> {
            int n = sessions.expireOverdueBeforeProvider(now);
            if (n > 0) {
                audit.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.SESSION_EXPIRED,
                        VerificationService.TABLE, null, "count-" + n);
            }
            return n;
        });
        if (expired > 0) {
            LOG.infof("Sweep expired %d sessions that never reached the provider", expired);
        }
        return expired;
    }
}
