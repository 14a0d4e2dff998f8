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

    public Optional<VerificationSession> findByIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResultOptional();
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

    /** Expires every overdue session that has not reached the provider yet, in one statement. */
    public int expireOverdueBeforeProvider(Instant now) {
        return update("status = ?1, updatedAt = ?2, finishedAt = ?2, nameCiphertext = null, idNumberCiphertext = null, "
                + "linkTokenCiphertext = null, version = version + 1 where status in ?3 and expiresAt <= ?2",
                VerificationStatus.EXPIRED, now, List.of(VerificationStatus.CREATED, VerificationStatus.CONSENTED));
    }

    public List<String> overduePending(Instant now, int limit) {
        return find("status = ?1 and expiresAt <= ?2 order by expiresAt", VerificationStatus.PENDING, now)
                .page(0, limit).project(IdOnly.class).list().stream().map(IdOnly::id).toList();
    }

    /** Projection for id-only queries. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record IdOnly(String id) {
    }
}
