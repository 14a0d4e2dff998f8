package org.realname.gateway.crypto;

import java.security.GeneralSecurityException;

/**
 * Authenticated encryption with associated data.
 *
 * <p>Guarantees of every implementation:
 * <ul>
 *   <li>confidentiality and integrity of the plaintext, and integrity of the associated data,
 *       against an attacker who can read and change stored ciphertexts;</li>
 *   <li>{@link #decrypt} returns the plaintext only if the ciphertext was produced by
 *       {@link #encrypt} under the same key and with exactly the same associated data; any
 *       changed, truncated or foreign ciphertext fails with a {@link GeneralSecurityException};</li>
 *   <li>encryption is randomised: the same plaintext encrypted twice gives different
 *       ciphertexts, so equal ciphertexts reveal nothing about equal plaintexts (use a
 *       blind index for equality search);</li>
 *   <li>the associated data is required and not encrypted: it binds a ciphertext to its
 *       context (record and column), so a ciphertext copied to another row or column does not
 *       decrypt.</li>
 * </ul>
 * It does not hide the plaintext length. Implementations are thread-safe.
 */
public interface Aead {

    /**
     * Encrypts {@code plaintext}, authenticating {@code associatedData} with it.
     *
     * @param associatedData non-empty context the ciphertext is bound to
     * @throws IllegalArgumentException if {@code associatedData} is null or empty
     */
    byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

    /**
     * Decrypts and verifies.
     *
     * @param associatedData the same context given to {@link #encrypt}
     * @throws GeneralSecurityException if the ciphertext is malformed, was changed, or the key
     *         or associated data differ
     * @throws IllegalArgumentException if {@code associatedData} is null or empty
     */
    byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
}
