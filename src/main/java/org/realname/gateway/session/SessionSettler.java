package org.realname.gateway.session;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import org.jboss.logging.Logger;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.consent.ConsentRecord;
import org.realname.gateway.consent.ConsentRepository;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.fault.FaultPoint;
import org.realname.gateway.fault.FaultPoints;
import org.realname.gateway.privacy.IdentitySealer;
import org.realname.gateway.privacy.SealedIdentity;
import org.realname.gateway.provider.ProviderLink;
import org.realname.gateway.provider.ProviderException;
import org.realname.gateway.provider.ProviderOutcome;
import org.realname.gateway.result.Outcome;
import org.realname.gateway.result.ResultRecorder;
import org.realname.gateway.webhook.WebhookOutbox;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Settles a pending session with the provider's verdict, exactly once. The provider is asked
 * outside any transaction; the verdict is then applied by a conditional update
 * ({@code … where status = 'PENDING'}), so when the browser repeats the return, two requests
 * race, or the sweep runs at the same time, exactly one of them writes the result.
 */
@ApplicationScoped
public class SessionSettler {

    private static final Logger LOG = Logger.getLogger(SessionSettler.class);

    private final SessionRepository sessions;
    private final ConsentRepository consents;
    private final ResultRecorder recorder;
    private final IdentitySealer sealer;
    private final ProviderLink provider;
    private final WebhookOutbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final FaultPoints faults;

    public SessionSettler(SessionRepository sessions, ConsentRepository consents, ResultRecorder recorder,
            IdentitySealer sealer, ProviderLink provider, WebhookOutbox outbox, AuditTrail audit, Clock clock,
            FaultPoints faults) {
        this.sessions = sessions;
        this.consents = consents;
        this.recorder = recorder;
        this.sealer = sealer;
        this.provider = provider;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.faults = faults;
    }

    /**
     * Asks the provider about a pending session and applies the answer.
     *
     * @param expireIfUnfinished whether a session the user has not finished becomes {@code EXPIRED}
     *        (the sweep, for overdue sessions) or stays {@code PENDING} (the browser return)
     * @return the session's status afterwards
     */
    public VerificationStatus settle(String sessionId, boolean expireIfUnfinished) {
        VerificationSession s = QuarkusTransaction.requiringNew().call(() -> sessions.findById(sessionId));
        if (s == null || s.status() != VerificationStatus.PENDING) {
            return s == null ? null : s.status();
        }
        return settlePending(sessionId, s.providerReference(), expireIfUnfinished);
    }

    /**
     * {@link #settle} for a session the caller just read as {@code PENDING} at the provider
     * {@code providerReference} (no second read). The move itself is still conditional on the
     * session being {@code PENDING}, so a racing settler's outcome stands.
     */
    public VerificationStatus settlePending(String sessionId, String providerReference, boolean expireIfUnfinished) {
        ProviderOutcome outcome;
        try {
            outcome = provider.fetchOutcome(providerReference);
        } catch (ProviderException e) {
            if (e.code() == ErrorCode.PROVIDER_UNAVAILABLE) {
                LOG.warnf("Provider unavailable while settling session %s (%s); it stays pending", sessionId, e.providerCode());
                return VerificationStatus.PENDING;
            }
            if (e.isUnverifiedAnswer()) {
                // Not the provider's word (a proxy's page, a cut or forged body): ending the
                // session on it could throw away a pass. The query is a read, so the next one (the
                // browser's retry, the reconciler) asks again; the reconciler gives up at its limit.
                LOG.warnf("Unverifiable answer to the query for session %s (%s); it stays pending", sessionId, e.providerCode());
                return VerificationStatus.PENDING;
            }
            LOG.warnf("Provider refused the query for session %s (%s)", sessionId, e.providerCode());
            return apply(sessionId, VerificationStatus.ERROR, e.providerCode());
        }
        return switch (outcome.verdict()) {
            case PASSED -> apply(sessionId, VerificationStatus.PASSED, null);
            case FAILED -> apply(sessionId, VerificationStatus.FAILED, null);
            case EXPIRED -> apply(sessionId, VerificationStatus.EXPIRED, null);
            case PENDING -> expireIfUnfinished ? apply(sessionId, VerificationStatus.EXPIRED, null) : VerificationStatus.PENDING;
        };
    }

    /** Ends a pending session whose outcome can no longer be learned. */
    public VerificationStatus giveUp(String sessionId, String reason) {
        LOG.warnf("Giving up on pending session %s (%s)", sessionId, reason);
        return apply(sessionId, VerificationStatus.ERROR, reason);
    }

    private VerificationStatus apply(String sessionId, VerificationStatus target, String errorCode) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
                if (!sessions.compareAndMove(sessionId, VerificationStatus.PENDING, target, now)) {
                    return sessions.findById(sessionId).status();
                }
                // This caller won the move; the row stays locked until commit.
                VerificationSession s = sessions.findById(sessionId);
                if (target == VerificationStatus.PASSED || target == VerificationStatus.FAILED) {
                    ConsentRecord consent = consents.findBySession(sessionId).orElseThrow(
                            () -> new IllegalStateException("Session " + sessionId + " reached the provider without consent"));
                    faults.reached(FaultPoint.BEFORE_RESULT_WRITE);
                    SealedIdentity sealed = new SealedIdentity(s.identityKeyId(), s.sealedName().ciphertext(),
                            s.sealedIdNumber().ciphertext(), s.idNumberIndex());
                    recorder.record(new ResultRecorder.NewResult(s.id(), s.account(), s.purpose(),
                            target == VerificationStatus.PASSED ? Outcome.PASS : Outcome.FAIL, s.provider(),
                            s.providerReference(), now, consent.id(),
                            sealer.open(s.account(), sealed, VerificationService.TABLE, s.id())));
                }
                s.afterFinalUpdate(errorCode, now);
                outbox.sessionEnded(s.id());
                audit.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.SESSION_FINISHED,
                        VerificationService.TABLE, s.id(), target.name());
                return target;
            });
        } catch (PersistenceException e) {
            // A racing settler held the row and won; what it wrote is the answer.
            VerificationSession s = QuarkusTransaction.requiringNew().call(() -> sessions.findById(sessionId));
            if (s != null && s.status().isFinal()) {
                return s.status();
            }
            throw e;
        }
    }
}
