package org.realname.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.realname.gateway.error.DatabaseUnavailable;
import org.realname.gateway.util.Ids;
import org.realname.gateway.util.OutageLog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Finishes sessions left {@code PENDING}: the browser closed, the return was lost, the gateway
 * restarted. Asks the provider and applies its verdict through the same exactly-once path as
 * the browser return. Safe with several gateway instances: each session is claimed for a lease
 * by a conditional update before the provider is asked.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final SessionRepository sessions;
    private final SessionSettler settler;
    private final ReconcileConfig config;
    private final Clock clock;
    /** This process's name in claims; a restarted process is a new claimer. */
    private final String claimer = "gw-" + Ids.newId().substring(0, 12);
    private final OutageLog outage = new OutageLog(Reconciler.class, "Reconciliation");

    public Reconciler(SessionRepository sessions, SessionSettler settler, ReconcileConfig config, Clock clock) {
        this.sessions = sessions;
        this.settler = settler;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.reconcile.interval:30s}", delayed = "${gateway.reconcile.initial-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        outage.run(this::reconcile);
    }

    /** One pass; returns how many sessions it finished. */
    public int reconcile() {
        Instant now = now();
        List<String> due = QuarkusTransaction.requiringNew().call(() -> sessions.dueForReconciliation(now, config.batch()));
        int finished = 0;
        for (String id : due) {
            try {
                if (reconcileOne(id)) {
                    finished++;
                }
            } catch (RuntimeException e) {
                if (DatabaseUnavailable.isCause(e)) {
                    // The rest of the batch would fail the same way; the next pass picks it up.
                    throw e;
                }
                LOG.warnf("Reconciliation of session %s failed: %s", id, e.getClass().getSimpleName());
            }
        }
        if (finished > 0) {
            LOG.infof("Reconciliation finished %d of %d pending sessions", finished, due.size());
        }
        return finished;
    }

    private boolean reconcileOne(String id) {
        Instant now = now();
        boolean claimed = QuarkusTransaction.requiringNew().call(
                () -> sessions.claimForReconciliation(id, claimer, now, now.plus(config.lease())));
        if (!claimed) {
            return false;
        }
        VerificationSession s = QuarkusTransaction.requiringNew().call(() -> sessions.findById(id));
        if (s.expiresAt().plus(config.giveUpAfter()).isBefore(now)) {
            settler.giveUp(id, "provider-unreachable");
            return true;
        }
        VerificationStatus status = settler.settle(id, s.isOverdue(now));
        if (status == VerificationStatus.PENDING) {
            Duration wait = backoff(s.reconcileAttempts());
            QuarkusTransaction.requiringNew().run(() -> sessions.releaseReconciliation(id, claimer, now().plus(wait)));
            return false;
        }
        return status != null && status.isFinal();
    }

    Duration backoff(int attempts) {
        Duration d = config.backoff().multipliedBy(1L << Math.min(attempts, 10));
        return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
