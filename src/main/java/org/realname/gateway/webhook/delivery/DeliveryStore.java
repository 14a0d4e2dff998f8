package org.realname.gateway.webhook.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.realname.gateway.util.Ids;
import org.realname.gateway.util.Instants;

/**
 * The delivery rows: claiming, recording attempts, dead letters, replays.
 *
 * <p>Claiming is a lease: a row is taken by setting {@code claimed_by}/{@code claimed_until}
 * with a statement that succeeds only while nobody else holds it, so of several instances exactly
 * one gets each row, and a crashed instance's rows come back when the lease runs out. On
 * PostgreSQL the candidate rows are selected {@code FOR UPDATE SKIP LOCKED}, so instances polling
 * at the same moment pick disjoint rows instead of queueing on each other's locks.
 */
@ApplicationScoped
public class DeliveryStore {

    private final EntityManager em;
    private final boolean skipLocked;

    public DeliveryStore(EntityManager em, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.em = em;
        this.skipLocked = dbKind.startsWith("postgres");
    }

    /** Takes up to {@code limit} due deliveries for {@code claimer} until {@code leaseUntil}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<ClaimedDelivery> claim(String claimer, Instant now, Instant leaseUntil, int limit) {
        @SuppressWarnings("unchecked")
        List<String> candidates = em.createNativeQuery("SELECT id FROM webhook_delivery WHERE status = 'PENDING' "
                + "AND next_attempt_at <= ?1 AND (claimed_until IS NULL OR claimed_until < ?1) "
                + "ORDER BY next_attempt_at, id LIMIT ?2" + (skipLocked ? " FOR UPDATE SKIP LOCKED" : ""))
                .setParameter(1, now).setParameter(2, limit).getResultList();
        List<ClaimedDelivery> claimed = new ArrayList<>();
        for (String id : candidates) {
            int won = em.createNativeQuery("UPDATE webhook_delivery SET claimed_by = ?1, claimed_until = ?2 "
                    + "WHERE id = ?3 AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?4)")
                    .setParameter(1, claimer).setParameter(2, leaseUntil).setParameter(3, id).setParameter(4, now)
                    .executeUpdate();
            if (won == 1) {
                Object[] row = (Object[]) em.createNativeQuery("SELECT d.event_id, e.event_type, d.subscription_id, s.url, "
                        + "e.payload, d.attempts, d.give_up_at FROM webhook_delivery d "
                        + "JOIN webhook_event e ON e.id = d.event_id JOIN webhook_subscription s ON s.id = d.subscription_id "
                        + "WHERE d.id = ?1").setParameter(1, id).getSingleResult();
                claimed.add(new ClaimedDelivery(id, (String) row[0], (String) row[1], (String) row[2],
                        URI.create((String) row[3]), (String) row[4], ((Number) row[5]).intValue(), Instants.of(row[6])));
            }
        }
        return claimed;
    }

    /**
     * Records one attempt and the delivery's next state: delivered, due again at {@code nextAt},
     * or dead when {@code nextAt} is null. Only the lease holder moves the row; the attempt is
     * kept either way (it happened).
     *
     * @return whether this claimer still held the delivery
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean record(ClaimedDelivery d, String claimer, Instant at, SendResult result, Instant nextAt) {
        // Literal NULLs rather than null parameters: PostgreSQL cannot type an untyped null.
        String httpStatus = result.httpStatus() == null ? "NULL" : Integer.toString(result.httpStatus());
        String next;
        if (result.delivered()) {
            next = "status = 'DELIVERED', next_attempt_at = NULL, delivered_at = ?1";
        } else if (nextAt == null) {
            next = "status = 'DEAD', next_attempt_at = NULL, dead_at = ?1";
        } else {
            next = "next_attempt_at = ?1";
        }
        int moved = em.createNativeQuery("UPDATE webhook_delivery SET " + next + ", attempts = attempts + 1, "
                + "last_http_status = " + httpStatus + ", last_outcome = ?2, claimed_by = NULL, claimed_until = NULL "
                + "WHERE id = ?3 AND claimed_by = ?4 AND status = 'PENDING'")
                .setParameter(1, nextAt != null && !result.delivered() ? nextAt : at).setParameter(2, result.outcome())
                .setParameter(3, d.id()).setParameter(4, claimer).executeUpdate();
        em.createNativeQuery("INSERT INTO webhook_attempt (id, delivery_id, attempt, attempted_at, latency_ms, http_status, outcome) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, " + httpStatus + ", ?6)").setParameter(1, Ids.newId()).setParameter(2, d.id())
                .setParameter(3, d.attempts() + 1).setParameter(4, at).setParameter(5, result.latencyMs())
                .setParameter(6, result.outcome()).executeUpdate();
        return moved == 1;
    }

    /** Gives a claimed delivery back untouched (this instance is stopping). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String id, String claimer) {
        em.createNativeQuery("UPDATE webhook_delivery SET claimed_by = NULL, claimed_until = NULL WHERE id = ?1 AND claimed_by = ?2")
                .setParameter(1, id).setParameter(2, claimer).executeUpdate();
    }
}
