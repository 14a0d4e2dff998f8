package org.realname.gateway.limits;

import org.realname.gateway.tenant.AccountRef;
import org.realname.gateway.tenant.Tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.BlindIndex;
import org.realname.gateway.limits.AttemptRepository.AttemptStoreException;
import org.realname.gateway.metrics.GatewayMetrics;
import org.realname.gateway.util.Ids;
import org.realname.gateway.util.OutageLog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Caps verification attempts per account, per ID number and per client IP address, each per day
 * and per minute (rolling windows, {@link LimitsConfig}), shared by every gateway instance
 * through the database.
 *
 * <p>Guarantees:
 * <ul>
 * <li>A refused attempt counts for nothing: the check and the count happen in one transaction of
 * their own, which a refusal rolls back. A counted attempt stays counted whatever the caller
 * does next, so callers check after validating their input.</li>
 * <li>No overshoot under concurrency: each subject's row in {@code attempt_subject} is locked
 * (always in the same order, so two checks cannot deadlock) before its windows are counted, so
 * concurrent attempts of one subject, on any instance, are counted one after the other.</li>
 * <li>A refusal is {@link ErrorCode#TOO_MANY_ATTEMPTS} (429) naming the limit, never a value,
 * with {@code retryAfter} = the time until that window frees a slot (the longest, when several
 * limits are reached).</li>
 * <li>Nothing plain is stored: subjects are keyed HMAC-SM3 digests ({@link BlindIndex#mac}) in a
 * per-scope domain; even the ID number's blind index is digested again, so attempt rows cannot
 * be joined to verification results without the key.</li>
 * </ul>
 */
@ApplicationScoped
public class AttemptLimiter {

    private static final Logger LOG = Logger.getLogger(AttemptLimiter.class);
    /** A first attempt of a new subject can lose the race to create its row once; the retry finds it. */
    private static final int TRANSACTION_TRIES = 3;
    /** Rows older than the longest window are no longer needed by any limit. */
    static final Duration RETENTION = Limit.DAY;

    private final Map<Scope, List<Limit>> limits = new EnumMap<>(Scope.class);
    private final AttemptRepository attempts;
    private final BlindIndex digests;
    private final AuditTrail audit;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final OutageLog outage = new OutageLog(AttemptLimiter.class, "Attempt purge");

    public AttemptLimiter(LimitsConfig config, AttemptRepository attempts, BlindIndex digests, AuditTrail audit,
            Clock clock, GatewayMetrics metrics) {
        for (Scope scope : Scope.values()) {
            limits.put(scope, Limit.of(config, scope));
        }
        this.attempts = attempts;
        this.digests = digests;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Checks and counts the creation of a session.
     *
     * @param accountId the platform's account id
     * @param idNumberIndex the blind index of the ID number ({@link BlindIndex#of}), or {@code null}
     *        when the request carries none
     * @throws GatewayException {@code TOO_MANY_ATTEMPTS} when the account or the ID number is over a cap
     */
    public void checkAndCountCreation(String accountId, String idNumberIndex) {
        checkAndCountCreation(AuditTrail.SYSTEM, accountId, idNumberIndex);
    }

    /**
     * {@link #checkAndCountCreation(String, String)} on behalf of {@code actor} (the platform's
     * token subject, fit for the audit trail: {@link AuditTrail#actorOf}), who is named in the
     * {@code ATTEMPT_REFUSED} entry of a refusal.
     */
    public void checkAndCountCreation(String actor, String accountId, String idNumberIndex) {
        List<Subject> subjects = new ArrayList<>(2);
        subjects.add(subject(Scope.ACCOUNT, accountId));
        if (idNumberIndex != null) {
            subjects.add(subject(Scope.ID_NUMBER, idNumberIndex));
        }
        checkAndCount(subjects, actor, "platform");
    }

    /**
     * {@link #checkAndCountCreation(String, String, String)} inside the caller's transaction, so
     * the count commits with the session it allows (one transaction per step). A refusal is
     * recorded in a transaction of its own and thrown; the caller's transaction then rolls back,
     * creating nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkAndCountCreationHere(String actor, String accountId, String idNumberIndex) {
        List<Subject> subjects = new ArrayList<>(2);
        subjects.add(subject(Scope.ACCOUNT, accountId));
        if (idNumberIndex != null) {
            subjects.add(subject(Scope.ID_NUMBER, idNumberIndex));
        }
        countHere(subjects, actor, "platform");
    }

    /**
     * {@link #checkAndCountCreationHere(String, String, String)} for an account of a tenant.
     * Limits are scoped by tenant: the account's and the ID number's counts are kept apart per
     * tenant (the digested subject names the tenant), so one platform's traffic never uses up
     * another's, and a platform cannot learn from a 429 that another platform saw an ID number.
     * The default tenant's subjects are the ones from before tenants. The per-IP limit stays
     * global: one address is one client, whichever platform sent it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkAndCountCreationHere(String actor, AccountRef account, String idNumberIndex) {
        String index = idNumberIndex == null || Tenant.DEFAULT.equals(account.tenant()) ? idNumberIndex
                : account.tenant() + "#" + idNumberIndex;
        checkAndCountCreationHere(actor, account.keyOwner(), index);
    }

    /**
     * {@link #checkAndCountClientIp(String)} inside the caller's transaction (the consent's), as
     * {@link #checkAndCountCreationHere} does for a creation.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkAndCountClientIpHere(String clientIp) {
        countHere(List.of(subject(Scope.CLIENT_IP, clientIp)), "browser", "end_user");
    }

    private void countHere(List<Subject> subjects, String actor, String actorRole) {
        List<Subject> ordered = limited(subjects);
        if (ordered.isEmpty()) {
            return;
        }
        try {
            checkAndCountLocked(ordered);
        } catch (Refused e) {
            refused(e, actor, actorRole);
            throw e;
        }
    }

    /** A refusal stays on record (in a transaction of its own: the caller's rolls back) and is counted. */
    private void refused(Refused e, String actor, String actorRole) {
        audit.recordSeparately(actor, actorRole, AuditEventType.ATTEMPT_REFUSED, "attempt_limit", e.limitId,
                "retry-after-" + e.retryAfter().map(Duration::toSeconds).orElse(0L) + "s");
        metrics.attemptRefused(e.limitId);
    }

    /**
     * The subjects that some limit applies to, in lock order. A scope whose limits are all off
     * ({@code 0}) is neither locked nor counted: no work, and no row every request would queue on.
     */
    private List<Subject> limited(List<Subject> subjects) {
        return subjects.stream().filter(s -> !limits.get(s.scope()).isEmpty()).sorted(Subject.LOCK_ORDER).toList();
    }

    /**
     * Checks and counts a consent submitted from {@code clientIp}, before the provider is called.
     *
     * @throws GatewayException {@code TOO_MANY_ATTEMPTS} when the address is over a cap
     */
    public void checkAndCountClientIp(String clientIp) {
        checkAndCount(List.of(subject(Scope.CLIENT_IP, clientIp)), "browser", "end_user");
    }

    @Scheduled(every = "${gateway.limits.purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        outage.run(this::purge);
    }

    /** Deletes the rows older than the longest window; returns how many attempts went. */
    public int purge() {
        Instant cutoff = Instant.now(clock).minus(RETENTION);
        int purged = QuarkusTransaction.requiringNew().call(() -> attempts.purgeBefore(cutoff));
        if (purged > 0) {
            LOG.infof("Purged %d attempt records older than %s", purged, RETENTION);
        }
        return purged;
    }

    private Subject subject(Scope scope, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + scope.stored() + " to count is missing");
        }
        return new Subject(scope, digests.mac(scope.digestDomain(), value));
    }

    private void checkAndCount(List<Subject> subjects, String actor, String actorRole) {
        List<Subject> ordered = limited(subjects);
        if (ordered.isEmpty()) {
            return;
        }
        for (int tries = 1;; tries++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> checkAndCountLocked(ordered));
                return;
            } catch (Refused e) {
                // The check rolled back (a refusal counts for nothing); the refusal itself stays on
                // record, naming the limit and never the subject's value.
                refused(e, actor, actorRole);
                throw e;
            } catch (AttemptStoreException e) {
                if (!e.isConstraintViolation() || tries >= TRANSACTION_TRIES) {
                    throw e;
                }
            }
        }
    }

    private void checkAndCountLocked(List<Subject> subjects) {
        Instant now = Instant.now(clock);
        for (Subject s : subjects) {
            attempts.lockSubject(s.scope(), s.key(), now);
        }
        Refusal refusal = null;
        for (Subject s : subjects) {
            for (Limit limit : limits.get(s.scope())) {
                Instant since = limit.windowStart(now);
                long inWindow = attempts.countSince(s.scope(), s.key(), since);
                if (limit.isReached(inWindow)) {
                    Instant freeing = attempts.nthSince(s.scope(), s.key(), since, limit.freeingOffset(inWindow))
                            .orElse(now);
                    Duration wait = limit.retryAfter(freeing, now);
                    if (refusal == null || wait.compareTo(refusal.retryAfter()) > 0) {
                        refusal = new Refusal(limit, wait);
                    }
                }
            }
        }
        if (refusal != null) {
            LOG.infof("Attempt refused: limit %s reached", refusal.limit().name());
            throw new Refused(refusal);
        }
        for (Subject s : subjects) {
            attempts.record(Ids.newId(), s.scope(), s.key(), now);
        }
    }

    /** A scope and the digest of its value. */
    private record Subject(Scope scope, String key) {
        static final Comparator<Subject> LOCK_ORDER = Comparator.comparing(Subject::scope).thenComparing(Subject::key);
    }

    private record Refusal(Limit limit, Duration retryAfter) {
    }

    /** A refusal, with the limit's stable id for the audit trail ({@code account-per-day}, ...). */
    private static final class Refused extends GatewayException {
        private static final long serialVersionUID = 1L;
        final String limitId;

        Refused(Refusal refusal) {
            super(ErrorCode.TOO_MANY_ATTEMPTS, "Too many verification attempts (limit " + refusal.limit().name()
                    + "); try again later", null, refusal.retryAfter());
            Limit limit = refusal.limit();
            this.limitId = limit.scope().stored() + (limit.window().equals(Limit.DAY) ? "-per-day"
                    : limit.window().equals(Limit.MINUTE) ? "-per-minute" : "-per-" + limit.window().toSeconds() + "s");
        }
    }
}
