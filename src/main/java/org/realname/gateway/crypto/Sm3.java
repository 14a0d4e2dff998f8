package org.realname.gateway.crypto;

import java.security.NoSuchAlgorithmException;

/** SM3 hashing (GB/T 32905), 32-byte digests. */
public final class Sm3 {

    public static final int DIGEST_SIZE = 32;

    private Sm3() {
    }

    /** The SM3 digest of {@code data}. */
    public static byte[] digest(byte[] data) {
        try {
            return GmProvider.messageDigest("SM3").digest(data);
        } catch (NoSuchAlgorithmException e) {
            // BouncyCastle always has SM3; missing means a broken deployment, not bad input.
            throw new IllegalStateException("SM3 is not available from the BouncyCastle provider", e);
        }
    }
}
