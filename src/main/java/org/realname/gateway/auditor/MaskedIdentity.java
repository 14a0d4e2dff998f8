package org.realname.gateway.auditor;

import org.realname.gateway.tenant.AccountRef;

import java.util.LinkedHashMap;
import java.util.Map;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.identity.Identity;
import org.realname.gateway.privacy.IdentitySealer;
import org.realname.gateway.privacy.SealedIdentity;
import org.realname.gateway.result.VerificationResult;

/**
 * Opens result identities only to mask them at once. Used for one list or one export (not a
 * bean): it remembers, for a bounded number of accounts, that an account's identities cannot
 * be opened (erased or without a key), so an export of many rows of one erased account does
 * not look its key up again for every row. A row that cannot be opened is marked, never an
 * error: one erased account must not break an auditor's listing.
 */
final class MaskedIdentity {

    /** Shown instead of the name and ID number of an erased (crypto-shredded) account. */
    static final String ERASED = "[erased]";
    /** Shown when a row's identity does not open (missing key, failed integrity check). */
    static final String UNREADABLE = "[unreadable]";

    private static final int REMEMBERED_ACCOUNTS = 1024;

    record Masked(String name, String idNumber) {
    }

    private static final Masked ERASED_PAIR = new Masked(ERASED, ERASED);
    private static final Masked UNREADABLE_PAIR = new Masked(UNREADABLE, UNREADABLE);

    private final IdentitySealer sealer;
    private final Map<AccountRef, Masked> unopenable = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AccountRef, Masked> eldest) {
            return size() > REMEMBERED_ACCOUNTS;
        }
    };

    MaskedIdentity(IdentitySealer sealer) {
        this.sealer = sealer;
    }

    Masked of(String resultId, AccountRef accountId, boolean erased, SealedIdentity sealed) {
        if (erased) {
            return ERASED_PAIR;
        }
        Masked known = unopenable.get(accountId);
        if (known != null) {
            return known;
        }
        try {
            Identity identity = sealer.open(accountId, sealed, VerificationResult.TABLE, resultId);
            return new Masked(identity.name().masked(), identity.idNumber().masked());
        } catch (GatewayException e) {
            if (e.code() == ErrorCode.ACCOUNT_ERASED) {
                unopenable.put(accountId, ERASED_PAIR);
                return ERASED_PAIR;
            }
            if (e.code() == ErrorCode.KEY_UNAVAILABLE) {
                unopenable.put(accountId, UNREADABLE_PAIR);
            }
            return UNREADABLE_PAIR;
        }
    }
}
