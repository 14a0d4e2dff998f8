package org.realname.gateway.result;

import org.realname.gateway.tenant.AccountRef;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.shared.Purpose;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ResultRepository implements PanacheRepositoryBase<VerificationResult, String> {

    /**
     * The identity bound to the account: its latest passed sign-up that still stands. A DISPUTED
     * ("this was not me") or ERASED result proves nothing any more.
     */
    public Optional<VerificationResult> binding(AccountRef account) {
        return find("tenantId = ?1 and accountId = ?2 and purpose = ?3 and outcome = ?4 and status = ?5 order by verifiedAt desc",
                account.tenant(), account.accountId(), Purpose.SIGNUP, Outcome.PASS, ResultStatus.VALID).firstResultOptional();
    }

    /** The latest passed verification of any purpose that still stands (VALID). */
    public Optional<VerificationResult> latestPass(AccountRef account) {
        return find("tenantId = ?1 and accountId = ?2 and outcome = ?3 and status = ?4 order by verifiedAt desc",
                account.tenant(), account.accountId(), Outcome.PASS,
                ResultStatus.VALID).firstResultOptional();
    }

    public Optional<VerificationResult> findBySession(String sessionId) {
        return find("sessionId", sessionId).firstResultOptional();
    }
}
