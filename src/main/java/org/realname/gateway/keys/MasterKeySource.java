package org.realname.gateway.keys;

import java.util.Set;

import org.realname.gateway.crypto.Aead;
import org.realname.gateway.crypto.Mac;

/**
 * Where the gateway's master keys live: the key-encryption keys (KEKs), the blind-index key
 * and the SM2 signing keys. Everything else (per-account data keys) is derived from these and
 * stored in the database only in wrapped form.
 *
 * <p>The interface hands out <em>operations</em>, never raw secret bytes: a KEK comes back as
 * an {@link Aead}, the blind-index key as a {@link Mac}. So an implementation backed by a KMS
 * or by an HSM through PKCS#11 can keep every key inside the device: its {@code Aead} would
 * call the device's encrypt/decrypt, its {@link SigningKey#privateKey()} would be a handle. The
 * file implementation, {@link KeyStoreFile}, is the embedded default and the only one today.
 *
 * <p>Key statuses (active, passive, ...) are not kept here but in the database
 * ({@code key_version}), shared by every gateway instance; a source only knows which key
 * versions exist. Implementations are thread-safe and fail closed: an unknown key id is an
 * {@link IllegalStateException}, never a fallback to another key.
 */
public interface MasterKeySource {

    /** The ids of every key version of {@code purpose} the source holds, e.g. {@code kek-v1, kek-v2}. */
    Set<String> keyIds(KeyPurpose purpose);

    /**
     * The key-encryption key {@code keyId} as an AEAD (SM4-GCM).
     *
     * @throws IllegalStateException if the source has no such KEK
     */
    Aead keyEncryptionKey(String keyId);

    /** The blind-index key as a MAC (HMAC-SM3). There is exactly one. */
    Mac blindIndexKey();

    /**
     * The signing key version {@code keyId}.
     *
     * @throws IllegalStateException if the source has no such signing key
     */
    SigningKey signingKey(String keyId);

    /**
     * Creates the next version of a rotatable key and keeps it durably before returning.
     *
     * @param atLeast the lowest version acceptable (one above every version the caller knows,
     *        for example from the database), so a version is never reused
     * @return the new key id
     */
    String generate(KeyKind kind, int atLeast);

    /** A name for logs: the file path or the KMS key ring, never a secret. */
    String description();
}
