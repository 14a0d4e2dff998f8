package org.realname.gateway.rights;

import org.realname.gateway.tenant.AccountRef;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.identity.Identity;
import org.realname.gateway.privacy.IdentitySealer;
import org.realname.gateway.result.VerificationResult;

/** The masked identity of a result, for history and export; nothing once the account is erased. */
@ApplicationScoped
public class Identities {

    /** A masked name and ID number ({@code 张*}, {@code 110***********123X}). */
    public record Masked(String name, String idNumber) {
        static final Masked NONE = new Masked(null, null);
    }

    private final IdentitySealer sealer;

    public Identities(IdentitySealer sealer) {
        this.sealer = sealer;
    }

    /** Whether the account's data key is destroyed (erasure, or an operator's shred). */
    public boolean erased(AccountRef account) {
        return sealer.isErased(account);
    }

    /** @param erased whether {@link #erased} answered true for the result's account */
    public Masked of(VerificationResult r, boolean erased) {
        if (erased || r.status() == org.realname.gateway.result.ResultStatus.ERASED) {
            return Masked.NONE;
        }
        Identity identity = sealer.open(r.account(), r.sealedIdentity(), VerificationResult.TABLE, r.id());
        return new Masked(identity.name().masked(), identity.idNumber().masked());
    }
}
