package org.realname.gateway.crypto;

import java.security.GeneralSecurityException;

/**
 * Verifies digital signatures made by the matching {@link Signer}.
 *
 * <p>Guarantees of every implementation:
 * <ul>
 *   <li>{@link #verify} returns normally only if {@code signature} was made over exactly
 *       {@code data} with the private key matching this verifier's public key and the same
 *       context (for SM2 the user ID);</li>
 *   <li>every other input, including malformed, truncated, padded or out-of-range signatures,
 *       fails with a {@link GeneralSecurityException}: never an unchecked exception, so callers
 *       need exactly one failure path;</li>
 *   <li>the signature encoding is parsed strictly (one valid encoding per signature), so a
 *       signature cannot be changed into another accepted byte string.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface Verifier {

    /**
     * Checks that {@code signature} is a valid signature of {@code data}.
     *
     * @throws GeneralSecurityException if it is not, for whatever reason
     * @throws NullPointerException if {@code data} is null
     */
    void verify(byte[] signature, byte[] data) throws GeneralSecurityException;
}
