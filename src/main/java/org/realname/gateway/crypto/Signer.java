package org.realname.gateway.crypto;

import java.security.GeneralSecurityException;

/**
 * Creates digital signatures (receipts, audit checkpoints, provider messages).
 *
 * <p>Guarantees of every implementation:
 * <ul>
 *   <li>without the private key nobody can produce a signature that the matching
 *       {@link Verifier} accepts for data that was not signed with it (existential
 *       unforgeability under chosen-message attack);</li>
 *   <li>a signature covers exactly {@code data} and the implementation's fixed context (for SM2
 *       the signer's user ID): any change to either makes verification fail;</li>
 *   <li>signing may be randomised: signing the same data twice may give different signatures,
 *       all of which verify. Do not use signatures as identifiers or for equality checks.</li>
 * </ul>
 * A signature is not encryption: it reveals nothing secret, but neither does it hide the data.
 * Implementations are thread-safe.
 */
public interface Signer {

    /**
     * Signs {@code data}.
     *
     * @return the signature in the implementation's documented encoding
     * @throws GeneralSecurityException if the platform cannot sign (a broken deployment, never
     *         bad input)
     */
    byte[] sign(byte[] data) throws GeneralSecurityException;
}
