package org.realname.gateway.keys;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import org.realname.gateway.crypto.Aead;
import org.realname.gateway.crypto.SecretBytes;
import org.realname.gateway.crypto.SecretKeyAccess;
import org.realname.gateway.crypto.Sm4GcmAead;

/**
 * Wraps and unwraps an account's data key (DEK, SM4-128) under a KEK.
 *
 * <p>The wrapped form is the KEK's AEAD ciphertext of the 16 raw key bytes (for the file
 * source, the {@link Sm4GcmAead} layout {@code 0x01 || nonce || ct || tag}, 45 bytes), with the
 * associated data {@code account_key:<accountId>:<kekKeyId>}. So a wrapped key copied to another
 * account, or relabelled with another KEK id, does not unwrap; neither does a changed byte.
 * Every failure is a {@link GeneralSecurityException}: callers fail closed.
 */
final class DekWrapping {

    static final int DEK_SIZE = Sm4GcmAead.KEY_SIZE;

    private DekWrapping() {
    }

    static byte[] associatedData(String accountId, String kekKeyId) {
        return ("account_key:" + accountId + ":" + kekKeyId).getBytes(UTF_8);
    }

    static SecretBytes newDek() {
        return SecretBytes.randomBytes(DEK_SIZE);
    }

    static byte[] wrap(Aead kek, String kekKeyId, String accountId, SecretBytes dek) throws GeneralSecurityException {
        byte[] raw = dek.toByteArray(SecretKeyAccess.rawKeyAccess());
        try {
            return kek.encrypt(raw, associatedData(accountId, kekKeyId));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static SecretBytes unwrap(Aead kek, String kekKeyId, String accountId, byte[] wrapped) throws GeneralSecurityException {
        byte[] raw = kek.decrypt(wrapped, associatedData(accountId, kekKeyId));
        try {
            if (raw.length != DEK_SIZE) {
                throw new GeneralSecurityException("unwrapped data key has the wrong length");
            }
            return SecretBytes.copyFrom(raw, SecretKeyAccess.rawKeyAccess());
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The data key as the AEAD that seals the account's fields. */
    static Aead aead(SecretBytes dek) throws GeneralSecurityException {
        return new Sm4GcmAead(dek);
    }
}
