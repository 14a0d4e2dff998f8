package org.realname.gateway.keys;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.realname.gateway.crypto.Aead;
import org.realname.gateway.crypto.Sm4GcmAead;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * Encrypts identity fields (names, ID numbers) for storage with SM4-GCM under the active
 * record key, and decrypts them with whichever record key sealed them.
 *
 * <p>The associated data names where the value lives, {@code table:column:recordId}
 * ({@code verification_session:id_number:7f3a...}), so a ciphertext moved to another row or
 * column does not open. Failures are {@link GatewayException}s with {@link ErrorCode#INTERNAL}
 * and a detail that carries no data.
 */
@ApplicationScoped
public final class IdentityCipher {

    private final String activeKeyId;
    private final Map<String, Aead> aeadsByKeyId;

    @Inject
    public IdentityCipher(KeyStoreFile keys) {
        this.activeKeyId = KeyPurpose.RECORD_ENCRYPTION.activeKeyId();
        Map<String, Aead> aeads = new HashMap<>();
        for (String keyId : keys.keyIds(KeyPurpose.RECORD_ENCRYPTION)) {
            try {
                aeads.put(keyId, new Sm4GcmAead(keys.key(keyId)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Record key " + keyId + " is unusable", e);
            }
        }
        if (!aeads.containsKey(activeKeyId)) {
            throw new IllegalStateException("Active record key " + activeKeyId + " is not in the key store");
        }
        this.aeadsByKeyId = Map.copyOf(aeads);
    }

    /**
     * Encrypts {@code plaintext} (UTF-8) under the active record key.
     *
     * @param aad where the value is stored, {@code table:column:recordId}; must not be blank
     */
    public SealedValue seal(String plaintext, String aad) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] context = associatedData(aad);
        try {
            return new SealedValue(activeKeyId, aeadsByKeyId.get(activeKeyId).encrypt(plaintext.getBytes(UTF_8), context));
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "Identity data could not be encrypted", e);
        }
    }

    /**
     * Decrypts a value sealed by {@link #seal} with the same {@code aad}.
     *
     * @throws GatewayException ({@link ErrorCode#INTERNAL}) if the key is unknown, the value was
     *         changed or the aad differs
     */
    public String open(SealedValue sealed, String aad) {
        Objects.requireNonNull(sealed, "sealed");
        byte[] context = associatedData(aad);
        Aead aead = aeadsByKeyId.get(sealed.keyId());
        if (aead == null) {
            throw new GatewayException(ErrorCode.INTERNAL, "Identity data could not be decrypted: unknown key");
        }
        try {
            return new String(aead.decrypt(sealed.ciphertext(), context), UTF_8);
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "Identity data could not be decrypted", e);
        }
    }

    /** The key id new values are sealed with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    private static byte[] associatedData(String aad) {
        if (aad == null || aad.isBlank()) {
            // A programming error, not a data problem: every stored field has a location.
            throw new IllegalArgumentException("aad (table:column:recordId) is required");
        }
        return aad.getBytes(UTF_8);
    }
}
