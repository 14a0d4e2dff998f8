package org.realname.gateway.result;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.session.Purpose;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ResultRepository implements PanacheRepositoryBase<VerificationResult, String> {

    /**
     * The identity bound to the account: its latest passed sign-up that still stands. A DISPUTED
     * ("this was not me") or ERASED result proves nothing any more.
     */
    public Optional<VerificationResult> binding(String accountId) {
        return find("accountId = ?1 and purpose = ?2 and outcome = ?3 and status = ?4 order by verifiedAt desc",
                accountId, Purpose.SIGNUP, Outcome.PASS, ResultStatus.VALID).firstResultOptional();
    }

    /** The latest passed verification of any purpose that still stands (VALID). */
    public Optional<VerificationResult> latestPass(String accountId) {
        return find("accountId = ?1 and outcome = ?2 and status = ?3 order by verifiedAt desc", accountId, Outcome.PASS,
                ResultStatus.VALID).firstResultOptional();
    }

    public Optional<VerificationResult> findBySession(String sessionId) {
        return find("sessionId", sessionId).firstResultOptional();
    }
}
