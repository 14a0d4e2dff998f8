package org.realname.gateway.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.realname.gateway.consent.ConsentRules;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Announces a new version of the face-information rules to the platforms before it applies: once
 * per version, whatever the number of instances (the version's row in
 * {@code consent_rules_announcement} is written in the same transaction as the events; a second
 * instance finds it there, or loses the insert and rolls back).
 */
@ApplicationScoped
public class RulesAnnouncer {

    private static final Logger LOG = Logger.getLogger(RulesAnnouncer.class);

    private final ConsentRules rules;
    private final WebhookOutbox outbox;
    private final EntityManager em;
    private final Clock clock;

    public RulesAnnouncer(ConsentRules rules, WebhookOutbox outbox, EntityManager em, Clock clock) {
        this.rules = rules;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.consent.announce-interval:10m}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            announce();
        } catch (RuntimeException e) {
            // Another instance announced it at the same moment, or the database is away: next time.
            LOG.debugf("Rules announcement not made this time: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * Announces the upcoming version if there is one not yet announced.
     *
     * @return the version announced now, if any
     */
    public Optional<String> announce() {
        Optional<ConsentRules.Rules> next = rules.upcoming();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        ConsentRules.Rules r = next.get();
        return QuarkusTransaction.requiringNew().call(() -> {
            int inserted = em.createNativeQuery("INSERT INTO consent_rules_announcement (rules_version, effective_date, "
                    + "rules_digest, announced_at) SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS "
                    + "(SELECT 1 FROM consent_rules_announcement WHERE rules_version = ?1)")
                    .setParameter(1, r.version()).setParameter(2, r.effectiveDate()).setParameter(3, r.digest())
                    .setParameter(4, Instant.now(clock)).executeUpdate();
            if (inserted == 0) {
                return Optional.<String>empty();
            }
            int events = outbox.rulesUpcoming(r.version(), r.effectiveDate(), r.digest(), ConsentRules.DIGEST_ALGORITHM);
            LOG.infof("Face-information rules version %s (effective %s) announced to %d platform(s)", r.version(),
                    r.effectiveDate(), events);
            return Optional.of(r.version());
        });
    }
}
