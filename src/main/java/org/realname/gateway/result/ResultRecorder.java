package org.realname.gateway.result;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.privacy.Identity;
import org.realname.gateway.privacy.IdentitySealer;
import org.realname.gateway.session.Purpose;
import org.realname.gateway.util.Ids;

/** Writes results. Called inside the transaction that finishes the session, never on its own. */
@ApplicationScoped
public class ResultRecorder {

    private final ResultRepository results;
    private final IdentitySealer sealer;

    public ResultRecorder(ResultRepository results, IdentitySealer sealer) {
        this.results = results;
        this.sealer = sealer;
    }

    /** Everything a result is made of. */
    public record NewResult(String sessionId, String accountId, Purpose purpose, Outcome outcome, String provider,
            String providerReference, Instant verifiedAt, String consentId, Identity identity) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public VerificationResult record(NewResult r) {
        String id = Ids.newId();
        VerificationResult result = new VerificationResult(id, r.sessionId(), r.accountId(), r.purpose(), r.outcome(),
                r.provider(), r.providerReference(), r.verifiedAt(), r.consentId(),
                sealer.seal(r.accountId(), r.identity(), VerificationResult.TABLE, id));
        results.persist(result);
        return result;
    }
}
