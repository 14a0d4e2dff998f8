package org.realname.gateway.result;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.session.Purpose;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ResultRepository implements PanacheRepositoryBase<VerificationResult, String> {

    /** The identity bound to the account: its latest passed sign-up. */
    public Optional<VerificationResult> binding(String accountId) {
        return find("accountId = ?1 and purpose = ?2 and outcome = ?3 order by verifiedAt desc",
                accountId, Purpose.SIGNUP, Outcome.PASS).firstResultOptional();
    }

    /** The latest passed verification of any purpose. */
    public Optional<VerificationResult> latestPass(String accountId) {
        return find("accountId = ?1 and outcome = ?2 order by verifiedAt desc", accountId, Outcome.PASS)
                .firstResultOptional();
    }

    public Optional<VerificationResult> findBySession(String sessionId) {
        return find("sessionId", sessionId).firstResultOptional();
    }
}
