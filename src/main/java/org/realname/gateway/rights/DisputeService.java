package org.realname.gateway.rights;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.result.ResultStatus;
import org.realname.gateway.result.VerificationResult;
import org.realname.gateway.webhook.WebhookOutbox;

/**
 * "This was not me": the result becomes DISPUTED, no longer counts as a real-name binding, shows
 * up for auditors (status and the {@code DISPUTE} audit entry), and the platform is told through
 * a {@code verification.disputed} webhook event, written to the outbox in the same transaction.
 */
@ApplicationScoped
public class DisputeService {

    static final String RESULT_TABLE = "verification_result";

    private final AccountData data;
    private final WebhookOutbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public DisputeService(AccountData data, WebhookOutbox outbox, AuditTrail audit, Clock clock) {
        this.data = data;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public DisputeView dispute(Requester who, String verificationId) {
        VerificationResult r = verificationId == null || !verificationId.matches("[0-9a-f]{32}") ? null
                : data.lockResult(verificationId);
        if (r != null && !r.tenantId().equals(who.tenant())) {
            // Another tenant's result: the same answer as a missing one, and the refusal on record.
            audit.recordSeparately(who.actor(), who.role(), AuditEventType.ACCESS_REFUSED, RESULT_TABLE, r.id(),
                    "tenant:" + who.tenant());
            r = null;
        }
        if (r == null || !r.accountId().equals(who.account())) {
            // Another account's result answers like a missing one: its existence is not revealed.
            throw new GatewayException(ErrorCode.VERIFICATION_NOT_FOUND, "This account has no result with this verification id");
        }
        if (r.status() == ResultStatus.ERASED) {
            throw new GatewayException(ErrorCode.ACCOUNT_ERASED, "This result was erased; there is nothing left to dispute");
        }
        if (r.status() == ResultStatus.DISPUTED) {
            audit.record(who.actor(), who.role(), AuditEventType.DISPUTE, RESULT_TABLE, r.id(), "already-disputed");
            return new DisputeView(r.sessionId(), r.id(), ResultStatus.DISPUTED.name(), r.disputedAt());
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        if (!data.markDisputed(r.id(), now)) {
            throw new GatewayException(ErrorCode.SESSION_STATE, "The result changed meanwhile; ask again");
        }
        outbox.resultDisputed(r.sessionId(), r.id(), who.ref());
        audit.record(who.actor(), who.role(), AuditEventType.DISPUTE, RESULT_TABLE, r.id(), "disputed");
        return new DisputeView(r.sessionId(), r.id(), ResultStatus.DISPUTED.name(), now);
    }
}
