package org.realname.gateway.keys;

import org.realname.gateway.tenant.AccountRef;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.crypto.Aead;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * Encrypts identity fields (names, ID numbers) and other per-account secrets for storage with
 * SM4-GCM under the account's data key (envelope encryption, {@link AccountKeys}).
 *
 * <p>The associated data names where the value lives, {@code table:column:recordId}
 * ({@code verification_session:id_number:7f3a...}), so a ciphertext moved to another row or
 * column does not open; one moved to another account does not open either (other DEK).
 * {@link SealedValue#keyId()} is {@value #DEK_KEY_ID}: "the account's data key", found through
 * the account id, which the account's key row maps to the KEK that wraps it.
 *
 * <p>Failures are {@link GatewayException}s with a detail that carries no data:
 * {@link ErrorCode#ACCOUNT_ERASED} after crypto-shredding (sealing too: no new key is made),
 * {@link ErrorCode#DATA_INTEGRITY} for a changed ciphertext or other associated data,
 * {@link ErrorCode#KEY_UNAVAILABLE} for a key id or key this gateway does not have. Call inside
 * a transaction.
 */
@ApplicationScoped
public class IdentityCipher {

    /**
     * The key id stored beside every value sealed under an account's DEK (its first and only
     * generation: shredding is final, so there is never a second).
     */
    public static final String DEK_KEY_ID = "dek-v1";

    private final AccountKeys accountKeys;

    public IdentityCipher(AccountKeys accountKeys) {
        this.accountKeys = accountKeys;
    }

    /**
     * Encrypts {@code plaintext} (UTF-8) under the account's data key, made on first use.
     *
     * @param aad where the value is stored, {@code table:column:recordId}; must not be blank
     */
    public SealedValue seal(AccountRef accountId, String plaintext, String aad) {
        return sealAll(accountId, List.of(new Plain(plaintext, aad))).get(0);
    }

    /**
     * {@link #seal} for several values of one account with a single unwrap of its data key (the
     * fields of one record), in the order given.
     */
    public List<SealedValue> sealAll(AccountRef accountId, List<Plain> values) {
        Objects.requireNonNull(accountId, "accountId");
        for (Plain v : values) {
            Objects.requireNonNull(v.plaintext(), "plaintext");
            associatedData(v.aad());
        }
        Aead dek = accountKeys.forSealing(accountId);
        List<SealedValue> sealed = new ArrayList<>(values.size());
        try {
            for (Plain v : values) {
                sealed.add(new SealedValue(DEK_KEY_ID, dek.encrypt(v.plaintext().getBytes(UTF_8), associatedData(v.aad()))));
            }
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "Identity data could not be encrypted", e);
        }
        return sealed;
    }

    /** Decrypts a value sealed by {@link #seal} for the same account with the same {@code aad}. */
    public String open(AccountRef accountId, SealedValue sealed, String aad) {
        return openAll(accountId, List.of(new Sealed(sealed, aad))).get(0);
    }

    /** {@link #open} for several values of one account with a single unwrap of its data key. */
    public List<String> openAll(AccountRef accountId, List<Sealed> values) {
        Objects.requireNonNull(accountId, "accountId");
        for (Sealed v : values) {
            Objects.requireNonNull(v.value(), "sealed");
            associatedData(v.aad());
            if (!DEK_KEY_ID.equals(v.value().keyId())) {
                // record-v1 values predate envelope encryption (see docs/keys.md, "Upgrading").
                throw new GatewayException(ErrorCode.KEY_UNAVAILABLE, "Identity data is sealed under a key this gateway does not use");
            }
        }
        Aead dek = accountKeys.forOpening(accountId);
        List<String> opened = new ArrayList<>(values.size());
        try {
            for (Sealed v : values) {
                opened.add(new String(dek.decrypt(v.value().ciphertext(), associatedData(v.aad())), UTF_8));
            }
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.DATA_INTEGRITY, "Identity data failed its integrity check", e);
        }
        return opened;
    }

    /** Whether the account was crypto-shredded, so none of its values open any more. */
    public boolean isErased(AccountRef accountId) {
        return accountKeys.isErased(accountId);
    }

    /** A value to seal and where it will be stored ({@code table:column:recordId}). */
    public record Plain(String plaintext, String aad) {
    }

    /** A sealed value and where it is stored ({@code table:column:recordId}). */
    public record Sealed(SealedValue value, String aad) {
    }

    private static byte[] associatedData(String aad) {
        if (aad == null || aad.isBlank()) {
            // A programming error, not a data problem: every stored field has a location.
            throw new IllegalArgumentException("aad (table:column:recordId) is required");
        }
        return aad.getBytes(UTF_8);
    }
}
