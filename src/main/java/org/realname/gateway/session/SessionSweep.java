package org.realname.gateway.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.util.OutageLog;
import org.realname.gateway.webhook.WebhookOutbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Enforces expiry even when nobody looks: sessions that never reached the provider expire in
 * batches, each with its webhook event in the same transaction. Pending ones are at the provider and are the {@link Reconciler}'s: it asks the
 * provider first, so an outcome the user already produced is never thrown away.
 */
@ApplicationScoped
public class SessionSweep {

    private static final Logger LOG = Logger.getLogger(SessionSweep.class);

    /** Sessions per transaction; a backlog is worked off in several batches of one pass. */
    static final int BATCH = 500;

    private final SessionRepository sessions;
    private final WebhookOutbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final OutageLog outage = new OutageLog(SessionSweep.class, "Session sweep");

    public SessionSweep(SessionRepository sessions, WebhookOutbox outbox, AuditTrail audit, Clock clock) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.session.sweep-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        outage.run(this::sweep);
    }

    /** One pass; returns how many sessions it expired. */
    public int sweep() {
        Instant now = Instant.now(clock);
        int expired = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> {
                List<String> ids = sessions.expireOverdueBeforeProvider(now, BATCH);
                ids.forEach(outbox::sessionEnded);
                if (!ids.isEmpty()) {
                    audit.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.SESSION_EXPIRED,
                            VerificationService.TABLE, null, "count-" + ids.size());
                }
                return ids.size();
            });
            expired += n;
        } while (n == BATCH);
        if (expired > 0) {
            LOG.infof("Sweep expired %d sessions that never reached the provider", expired);
        }
        return expired;
    }
}
