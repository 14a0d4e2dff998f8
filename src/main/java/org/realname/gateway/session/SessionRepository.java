package org.realname.gateway.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Sessions by id, link, idempotency key; the conditional updates that make transitions race-free. */
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<VerificationSession, String> {

    public Optional<VerificationSession> findByLinkHash(String hash) {
        return find("linkTokenHash", hash).firstResultOptional();
    }

    /**
     * Whether a session other than {@code sessionId} already holds this provider reference: a
     * provider answer naming it again for another session is a replay, never a new verification.
     */
    public boolean referenceHeldByAnother(String provider, String reference, String sessionId) {
        return count("provider = ?1 and providerReference = ?2 and id <> ?3", provider, reference, sessionId) > 0;
    }

    public Optional<VerificationSession> findByIdempotencyKey(String tenant, String key) {
        return find("tenantId = ?1 and idempotencyKey = ?2", tenant, key).firstResultOptional();
    }

    /**
     * Moves a session from {@code expected} to {@code next} only if it is still in
     * {@code expected}: the database row lock makes exactly one of several racing callers win.
     *
     * @return whether this caller made the move
     */
    public boolean compareAndMove(String id, VerificationStatus expected, VerificationStatus next, Instant now) {
        if (!expected.canMoveTo(next)) {
            throw new IllegalTransitionException(expected, next);
        }
        return update("status = ?1, updatedAt = ?2, version = version + 1 where id = ?3 and status = ?4",
                next, now, id, expected) == 1;
    }

    /**
     * Expires up to {@code limit} overdue sessions that have not reached the provider yet. The
     * rows are locked first, so the ids returned are exactly the sessions this call expired
     * (each one gets its webhook event).
     */
    @SuppressWarnings("unchecked")
    public List<String> expireOverdueBeforeProvider(Instant now, int limit) {
        List<String> ids = getEntityManager().createNativeQuery("SELECT id FROM verification_session "
                + "WHERE status IN ('CREATED', 'CONSENTED') AND expires_at <= ?1 ORDER BY id LIMIT ?2 FOR UPDATE")
                .setParameter(1, now).setParameter(2, limit).getResultList();
        if (ids.isEmpty()) {
            return ids;
        }
        int n = update("status = ?1, updatedAt = ?2, finishedAt = ?2, nameCiphertext = null, idNumberCiphertext = null, "
                + "linkTokenCiphertext = null, version = version + 1 where status in ?3 and id in ?4",
                VerificationStatus.EXPIRED, now, List.of(VerificationStatus.CREATED, VerificationStatus.CONSENTED), ids);
        if (n != ids.size()) {
            throw new IllegalStateException("locked " + ids.size() + " overdue sessions but expired " + n);
        }
        return ids;
    }

    /** Pending sessions reconciliation should look at now: due for a retry, or overdue, and not claimed. */
    public List<String> dueForReconciliation(Instant now, int limit) {
        return find("status = ?1 and (nextReconcileAt is null or nextReconcileAt <= ?2 or expiresAt <= ?2) "
                + "and (reconcileClaimedUntil is null or reconcileClaimedUntil < ?2) order by nextReconcileAt",
                VerificationStatus.PENDING, now)
                .page(0, limit).project(IdOnly.class).list().stream().map(IdOnly::id).toList();
    }

    /**
     * Claims a pending session for one reconciler until {@code leaseUntil}. The conditional update
     * lets exactly one of several gateway instances win; a crashed claimer's lease simply runs out.
     */
    public boolean claimForReconciliation(String id, String claimer, Instant now, Instant leaseUntil) {
        return update("reconcileClaimedUntil = ?1, reconcileClaimedBy = ?2 where id = ?3 and status = ?4 "
                + "and (reconcileClaimedUntil is null or reconcileClaimedUntil < ?5)",
                leaseUntil, claimer, id, VerificationStatus.PENDING, now) == 1;
    }

    /** Gives a still-pending session back, to be asked again from {@code nextAt}. */
    public void releaseReconciliation(String id, String claimer, Instant nextAt) {
        update("reconcileClaimedUntil = null, reconcileClaimedBy = null, reconcileAttempts = reconcileAttempts + 1, "
                + "nextReconcileAt = ?1 where id = ?2 and reconcileClaimedBy = ?3", nextAt, id, claimer);
    }

    /** Projection for id-only queries. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record IdOnly(String id) {
    }
}
