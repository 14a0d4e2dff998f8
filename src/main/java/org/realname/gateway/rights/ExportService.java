package org.realname.gateway.rights;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.util.Instants;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.result.ResultStatus;
import org.realname.gateway.result.VerificationResult;

/** The right to portability: everything held about an account as one JSON document. */
@ApplicationScoped
public class ExportService {

    private final AccountData data;
    private final Identities identities;
    private final AuditTrail audit;
    private final Clock clock;

    public ExportService(AccountData data, Identities identities, AuditTrail audit, Clock clock) {
        this.data = data;
        this.identities = identities;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ExportView export(Requester who) {
        String account = who.account();
        boolean erased = identities.erased(who.ref());
        List<ExportView.Session> sessions = data.sessions(who.ref()).stream().map(s -> new ExportView.Session(s.id(),
                s.purpose().name(), s.status().name(), s.provider(), s.returnUrl(), s.createdBy(), s.createdAt(),
                s.expiresAt(), s.linkOpenedAt(), s.consentedAt(), s.finishedAt(), s.errorCode())).toList();
        List<ExportView.Consent> consents = data.consents(who.ref()).stream().map(c -> new ExportView.Consent(c.id(),
                c.sessionId(), c.rulesVersion(), c.rulesEffectiveDate(), c.rulesDigest(), c.rulesDigestAlgorithm(),
                c.consentedAt(), c.channel(), c.guardianRelation())).toList();
        List<VerificationResult> rows = data.results(who.ref());
        List<ExportView.Result> results = rows.stream().map(r -> result(r, erased)).toList();
        List<ExportView.Dispute> disputes = rows.stream().filter(r -> r.disputedAt() != null)
                .map(r -> new ExportView.Dispute(r.id(), r.sessionId(), r.disputedAt())).toList();
        List<ExportView.Withdrawal> withdrawals = data.withdrawals(who.ref()).stream().map(w -> new ExportView.Withdrawal(
                (String) w[0], instant(w[1]), (String) w[2], (String) w[3], ((Number) w[4]).intValue())).toList();
        List<ExportView.SecurityEvent> security = data.securityEvents(who.ref()).stream().map(e -> new ExportView.SecurityEvent(
                instant(e[0]), (String) e[1], (String) e[2], ((Number) e[3]).intValue(), (String) e[4], (String) e[5])).toList();
        audit.record(who.actor(), who.role(), AuditEventType.EXPORT, HistoryService.ACCOUNT, account,
                "results-" + results.size());
        return new ExportView(ExportView.FORMAT, account, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), erased,
                sessions, consents, results, disputes, withdrawals, security);
    }

    private ExportView.Result result(VerificationResult r, boolean erased) {
        Identities.Masked masked = identities.of(r, erased);
        boolean gone = erased || r.status() == ResultStatus.ERASED;
        // Erasure cleared the blind index and the signature; without them there is no receipt to check.
        boolean signed = r.status() != ResultStatus.ERASED && r.signingKeyId() != null && r.receiptSignature() != null
                && r.sealedIdentity().idNumberIndex() != null;
        return new ExportView.Result(r.id(), r.sessionId(), r.purpose().name(), r.outcome().name(), r.provider(),
                r.providerReference(), r.verifiedAt(), r.consentId(), r.status().name(), masked.name(),
                masked.idNumber(), r.disputedAt(), r.erasedAt(), gone ? Boolean.TRUE : null,
                signed ? r.receiptContent(r.signingKeyId()).canonicalText() : null,
                signed ? Base64.getEncoder().encodeToString(r.receiptSignature()) : null,
                r.signingKeyId());
    }

    static Instant instant(Object value) {
        return Instants.of(value);
    }
}
