package org.realname.gateway.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.util.OutageLog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes troubleshooting data past its retention period. It never touches results (they stay
 * until the account is erased) nor the audit trail (never deleted by the application). Every
 * statement names the state it expects, so running on several instances at once is harmless.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
    /** Sessions that ended without a result. PASSED and FAILED always have one. */
    private static final String ENDED_WITHOUT_RESULT = "s.status IN ('EXPIRED', 'CANCELED', 'ERROR') "
            + "AND COALESCE(s.finished_at, s.updated_at) < ?1 "
            + "AND NOT EXISTS (SELECT 1 FROM verification_result r WHERE r.session_id = s.id)";

    private final EntityManager em;
    private final RetentionConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final OutageLog outage = new OutageLog(RetentionPurge.class, "Retention purge");

    public RetentionPurge(EntityManager em, RetentionConfig config, AuditTrail audit, Clock clock) {
        this.em = em;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.retention.purge-interval:PT1H}", delayed = "${gateway.retention.purge-delay:PT5M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        outage.run(this::purge);
    }

    /** One purge, now. */
    public PurgeCounts purge() {
        return purgeAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
    }

    /** One purge as of {@code now}: what is older than {@code now - troubleshooting} goes. */
    public PurgeCounts purgeAt(Instant now) {
        Instant cutoff = now.minus(config.troubleshooting());
        PurgeCounts counts = QuarkusTransaction.requiringNew().call(() -> {
            int security = em.createNativeQuery("DELETE FROM security_event WHERE occurred_at < ?1")
                    .setParameter(1, cutoff).executeUpdate();
            int cleared = em.createNativeQuery("UPDATE verification_session SET return_url = NULL, "
                    + "provider_redirect_url = NULL, link_token_ciphertext = NULL, browser_binding_hash = NULL, "
                    + "error_code = NULL, name_ciphertext = NULL, id_number_ciphertext = NULL, version = version + 1 "
                    + "WHERE status IN ('PASSED', 'FAILED') AND COALESCE(finished_at, updated_at) < ?1 "
                    + "AND (return_url IS NOT NULL OR provider_redirect_url IS NOT NULL OR link_token_ciphertext IS NOT NULL "
                    + "OR browser_binding_hash IS NOT NULL OR error_code IS NOT NULL OR name_ciphertext IS NOT NULL "
                    + "OR id_number_ciphertext IS NOT NULL)").setParameter(1, cutoff).executeUpdate();
            // Consent records first: they reference their session.
            int consents = em.createNativeQuery("DELETE FROM consent_record WHERE session_id IN "
                    + "(SELECT s.id FROM verification_session s WHERE " + ENDED_WITHOUT_RESULT + ")")
                    .setParameter(1, cutoff).executeUpdate();
            int deleted = em.createNativeQuery("DELETE FROM verification_session s WHERE " + ENDED_WITHOUT_RESULT)
                    .setParameter(1, cutoff).executeUpdate();
            int attempts = em.createNativeQuery("DELETE FROM webhook_attempt WHERE attempted_at < ?1")
                    .setParameter(1, now.minus(config.webhookAttempts())).executeUpdate();
            PurgeCounts c = new PurgeCounts(security, cleared, deleted, consents, attempts);
            if (c.any()) {
                audit.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.RETENTION_PURGE, "retention", null,
                        c.outcome());
            }
            return c;
        });
        if (counts.any()) {
            LOG.infof("Retention purge: %s", counts.outcome());
        }
        return counts;
    }
}
