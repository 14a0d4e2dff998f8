package org.realname.gateway.result;

import org.realname.gateway.tenant.AccountRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditGroupCommit;
import org.realname.gateway.identity.Identity;
import org.realname.gateway.privacy.IdentitySealer;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Answers "is this account a verified real person, and recently enough?" without revealing who. */
@ApplicationScoped
public class RealNameService {

    private final ResultRepository results;
    private final IdentitySealer sealer;
    private final AuditGroupCommit audit;
    private final Clock clock;

    public RealNameService(ResultRepository results, IdentitySealer sealer, AuditGroupCommit audit, Clock clock) {
        this.results = results;
        this.sealer = sealer;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * {@link #lookup} by a platform, on record: {@code RESULT_READ} (record = the account,
     * outcome = {@code verified} or {@code not-verified}), committed with the other reads of the
     * moment before the answer leaves ({@link AuditGroupCommit}): a platform that checks before
     * every payment does not make every check wait for a commit of its own.
     */
    public RealNameView read(String actor, AccountRef account, Optional<Duration> maxAge) {
        String accountId = account.accountId();
        RealNameView view = QuarkusTransaction.requiringNew().call(() -> lookup(account, maxAge));
        audit.record(actor, "platform", AuditEventType.RESULT_READ, "account", accountId,
                view.verified() ? "verified" : "not-verified");
        return view;
    }

    @Transactional
    public RealNameView lookup(AccountRef account, Optional<Duration> maxAge) {
        String accountId = account.accountId();
        Optional<VerificationResult> binding = results.binding(account);
        if (binding.isEmpty()) {
            // After the person's erasure (results ERASED) the account is no longer verified; say why.
            Boolean erased = sealer.isErased(account) ? Boolean.TRUE : null;
            return new RealNameView(accountId, false, null, null, null, null, null, maxAge.map(Duration::toString).orElse(null),
                    maxAge.map(m -> false).orElse(null), erased, null);
        }
        VerificationResult b = binding.get();
        VerificationResult latest = results.latestPass(account).orElse(b);
        Instant now = Instant.now(clock);
        Boolean recent = maxAge.map(m -> !latest.verifiedAt().isBefore(now.minus(m))).orElse(null);
        String maxAgeText = maxAge.map(Duration::toString).orElse(null);
        Boolean minor = latest.minor();
        if (sealer.isErased(account)) {
            // Crypto-shredded: the outcome facts stay true, the identity is gone for good.
            return new RealNameView(accountId, true, null, null, b.verifiedAt(), latest.verifiedAt(),
                    latest.purpose().name(), maxAgeText, recent, true, minor);
        }
        Identity identity = sealer.open(account, b.sealedIdentity(), VerificationResult.TABLE, b.id());
        return new RealNameView(accountId, true, identity.name().masked(), identity.idNumber().masked(),
                b.verifiedAt(), latest.verifiedAt(), latest.purpose().name(), maxAgeText, recent, null, minor);
    }
}
