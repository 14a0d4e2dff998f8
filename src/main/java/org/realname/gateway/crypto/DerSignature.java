package org.realname.gateway.crypto;

import java.math.BigInteger;
import java.security.SignatureException;

/**
 * Strict reader of the DER signature encoding {@code SEQUENCE { INTEGER r, INTEGER s }} used by
 * SM2 (GB/T 35276) and ECDSA. Accepts exactly one encoding per (r, s): definite short-form
 * lengths, minimal positive integers, no trailing bytes, and 1 &lt;= r, s &lt; n. Anything
 * else is a {@link SignatureException}, checked before the bytes reach BouncyCastle, so the
 * verifier's failure path never depends on how a library reacts to odd input.
 */
final class DerSignature {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private DerSignature() {
    }

    /** The pair (r, s), both in [1, order - 1]. */
    static BigInteger[] decode(byte[] der, BigInteger order) throws SignatureException {
        // An integer below n needs at most its byte length plus a 0x00 sign byte; two of them
        // with their headers stay below 128 bytes, so only short-form lengths are DER here.
        int maxInteger = order.bitLength() / 8 + 1;
        if (der == null || der.length < 8 || der.length > 2 + 2 * (2 + maxInteger)) {
            throw malformed();
        }
        if ((der[0] & 0xFF) != SEQUENCE || (der[1] & 0xFF) != der.length - 2) {
            throw malformed(); // also refuses long-form lengths and trailing bytes
        }
        int rLength = integerLength(der, 2, maxInteger);
        int sOffset = 2 + 2 + rLength;
        int sLength = integerLength(der, sOffset, maxInteger);
        if (sOffset + 2 + sLength != der.length) {
            throw malformed();
        }
        BigInteger r = new BigInteger(1, der, 2 + 2, rLength);
        BigInteger s = new BigInteger(1, der, sOffset + 2, sLength);
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
            throw new SignatureException("SM2 signature value out of range");
        }
        return new BigInteger[] {r, s};
    }

    /** Checks the INTEGER header and content at {@code offset}; returns the content length. */
    private static int integerLength(byte[] der, int offset, int maxLength) throws SignatureException {
        if (offset + 2 > der.length || (der[offset] & 0xFF) != INTEGER) {
            throw malformed();
        }
        int length = der[offset + 1] & 0xFF;
        int content = offset + 2;
        if (length == 0 || length > maxLength || content + length > der.length) {
            throw malformed();
        }
        if ((der[content] & 0x80) != 0) {
            throw malformed(); // negative
        }
        if (length > 1 && der[content] == 0 && (der[content + 1] & 0x80) == 0) {
            throw malformed(); // non-minimal leading zero
        }
        return length;
    }

    private static SignatureException malformed() {
        return new SignatureException("malformed SM2 signature: expected DER SEQUENCE { INTEGER r, INTEGER s }");
    }
}
