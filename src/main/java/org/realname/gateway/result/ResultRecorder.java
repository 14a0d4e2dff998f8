package org.realname.gateway.result;

import org.realname.gateway.tenant.AccountRef;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.consent.Minors;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.KeyKind;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.identity.Identity;
import org.realname.gateway.privacy.IdentitySealer;
import org.realname.gateway.shared.Purpose;
import org.realname.gateway.util.Ids;

/** Writes results, each signed at once. Called inside the transaction that finishes the session, never on its own. */
@ApplicationScoped
public class ResultRecorder {

    private final ResultRepository results;
    private final IdentitySealer sealer;

    private final KeyRingService keyRing;
    private final Minors minors;

    public ResultRecorder(ResultRepository results, IdentitySealer sealer, KeyRingService keyRing, Minors minors) {
        this.results = results;
        this.sealer = sealer;
        this.keyRing = keyRing;
        this.minors = minors;
    }

    /** Everything a result is made of. */
    public record NewResult(String sessionId, AccountRef account, Purpose purpose, Outcome outcome, String provider,
            String providerReference, Instant verifiedAt, String consentId, Identity identity) {
    }

    /**
     * Signs the canonical form with the ACTIVE signing key. The key id is part of the signed bytes,
     * so a rotation between reading the id and signing is detected and the signature redone.
     */
    private void signReceipt(VerificationResult result) {
        for (int attempt = 0; attempt < 3; attempt++) {
            String keyId = keyRing.activeKeyId(KeyKind.SIGNING);
            KeyRingService.Signed signed = keyRing.sign(result.receiptContent(keyId).canonicalBytes());
            if (signed.keyId().equals(keyId)) {
                result.sign(keyId, signed.signature());
                return;
            }
        }
        throw new GatewayException(ErrorCode.KEY_UNAVAILABLE, "The signing key changed while signing; try again");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public VerificationResult record(NewResult r) {
        String id = Ids.newId();
        VerificationResult result = new VerificationResult(id, r.sessionId(), r.account(), r.purpose(), r.outcome(),
                r.provider(), r.providerReference(), r.verifiedAt(), r.consentId(),
                sealer.seal(r.account(), r.identity(), VerificationResult.TABLE, id));
        // Age at the moment of the verdict, from the birth date in the ID number (date in China).
        result.flagMinor(minors.isMinor(r.identity().idNumber(), r.verifiedAt()));
        signReceipt(result);
        results.persist(result);
        return result;
    }
}
