package org.realname.gateway.crypto;

import java.security.GeneralSecurityException;

/**
 * A message authentication code, also used as a keyed pseudo-random function (blind indexes).
 *
 * <p>Guarantees: without the key nobody can compute or forge a tag for any data, nor learn
 * anything about the data from its tag beyond equality with other tags under the same key.
 * The tag is deterministic: the same key and data always give the same tag. Implementations
 * are thread-safe.
 */
public interface Mac {

    /** The tag of {@code data}. */
    byte[] computeMac(byte[] data) throws GeneralSecurityException;

    /**
     * Checks, in constant time, that {@code mac} is the tag of {@code data}.
     *
     * @throws GeneralSecurityException if it is not
     */
    void verifyMac(byte[] mac, byte[] data) throws GeneralSecurityException;
}
