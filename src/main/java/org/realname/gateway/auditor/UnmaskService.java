package org.realname.gateway.auditor;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.identity.Identity;
import org.realname.gateway.privacy.IdentitySealer;
import org.realname.gateway.result.ResultRepository;
import org.realname.gateway.result.ResultStatus;
import org.realname.gateway.result.VerificationResult;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Opens one result's identity for an auditor with the unmask permission and a stated reason.
 * The decryption and its {@code RECORD_UNMASKED} entry (reason code and case reference in the
 * outcome) are one transaction: either both happen or neither. An erased result is refused with
 * {@code 410 account-erased}, and nothing is recorded for a refusal. The answer names the
 * entry's sequence number, so the auditor can cite it: the request waits (after its commit) for
 * the sequencer to give it one, which is rare enough to be worth the wait.
 */
@ApplicationScoped
public class UnmaskService {

    private final ResultRepository results;
    private final IdentitySealer sealer;
    private final AuditTrail trail;
    private final AuditSequencer sequencer;

    public UnmaskService(ResultRepository results, IdentitySealer sealer, AuditTrail trail, AuditSequencer sequencer) {
        this.results = results;
        this.sealer = sealer;
        this.trail = trail;
        this.sequencer = sequencer;
    }

    public UnmaskedResult unmask(String auditor, String resultId, UnmaskRequest request) {
        return unmask(auditor, null, resultId, request);
    }

    /**
     * {@link #unmask(String, String, UnmaskRequest)} by an auditor of {@code tenant} ({@code null}:
     * every tenant). Another tenant's result answers like a missing one; the refusal is on record.
     */
    public UnmaskedResult unmask(String auditor, String tenant, String resultId, UnmaskRequest request) {
        UnmaskedResult opened = QuarkusTransaction.requiringNew().call(() -> open(auditor, tenant, resultId, request));
        return opened.withAuditSeq(sequencer.awaitSequenced(opened.auditSeq(), Duration.ofSeconds(10)));
    }

    /** The decryption and its entry, one transaction; the result carries the entry's id until sequenced. */
    private UnmaskedResult open(String auditor, String tenant, String resultId, UnmaskRequest request) {
        UnmaskRequest reason = UnmaskRequest.require(request);
        VerificationResult r = resultId == null || resultId.length() > 64 ? null : results.findById(resultId);
        if (r != null && tenant != null && !r.tenantId().equals(tenant)) {
            trail.recordSeparately(AuditTrail.actorOf(auditor), Roles.AUDITOR, AuditEventType.ACCESS_REFUSED,
                    VerificationResult.TABLE, r.id(), "tenant:" + tenant);
            r = null;
        }
        if (r == null) {
            throw new GatewayException(ErrorCode.RESULT_NOT_FOUND, "No result with this id");
        }
        if (r.status() == ResultStatus.ERASED || sealer.isErased(r.account())) {
            throw new GatewayException(ErrorCode.ACCOUNT_ERASED, "This result's identity was erased; it cannot be unmasked");
        }
        Identity identity = sealer.open(r.account(), r.sealedIdentity(), VerificationResult.TABLE, r.id());
        long entryId = trail.record(AuditTrail.actorOf(auditor), Roles.UNMASK, AuditEventType.RECORD_UNMASKED,
                VerificationResult.TABLE, r.id(), reason.auditOutcome());
        return new UnmaskedResult(r.id(), r.accountId(), identity.name().reveal(), identity.idNumber().reveal(),
                reason.reason(), reason.caseReference(), entryId);
    }
}
