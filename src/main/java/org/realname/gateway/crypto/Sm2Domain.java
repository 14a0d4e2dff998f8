package org.realname.gateway.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;

/**
 * What every SM2 class here shares: the curve {@code sm2p256v1} (GB/T 32918.5), the signature
 * algorithm name, and the checks on keys and user IDs.
 */
final class Sm2Domain {

    static final String CURVE_NAME = "sm2p256v1";
    static final String SIGNATURE_ALGORITHM = "SM3withSM2";
    static final String KEY_ALGORITHM = "EC";

    /** GB/T 32918.2's recommended default ID, which openssl, BC and most peers also use. */
    static final String DEFAULT_USER_ID = "1234567812345678";

    /**
     * The ID enters the hash Z prefixed by ENTL, its length in bits as two bytes, so it can be at
     * most 65535 bits: 8191 whole bytes.
     */
    static final int MAX_USER_ID_SIZE = 8191;

    static final X9ECParameters CURVE = GMNamedCurves.getByName(CURVE_NAME);

    /** The group order n; signature values r and s must lie in [1, n - 1]. */
    static final BigInteger ORDER = CURVE.getN();

    private Sm2Domain() {
    }

    /** A defensive copy of a valid user ID. */
    static byte[] checkedUserId(byte[] userId) {
        if (userId == null) {
            throw new IllegalArgumentException("SM2 user ID is required (the default is " + DEFAULT_USER_ID + ")");
        }
        if (userId.length > MAX_USER_ID_SIZE) {
            throw new IllegalArgumentException("SM2 user ID must be at most " + MAX_USER_ID_SIZE + " bytes, got " + userId.length);
        }
        return userId.clone();
    }

    static byte[] defaultUserId() {
        return DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Refuses keys on any other curve. BouncyCastle's SM3withSM2 would otherwise sign with, say,
     * a P-256 key and produce something no SM2 peer accepts, so the mistake would show up only at
     * the other end.
     */
    static void requireSm2Key(Key key) throws InvalidKeyException {
        if (!(key instanceof ECKey ecKey)) {
            throw new InvalidKeyException("SM2 needs an elliptic-curve key, got "
                    + (key == null ? "null" : key.getAlgorithm()));
        }
        if (!isSm2(ecKey.getParams())) {
            throw new InvalidKeyException("key is not on the SM2 curve " + CURVE_NAME);
        }
    }

    // Compares the numbers, not a curve name: JCA keys from other sources carry explicit or
    // differently named parameters for the same curve.
    private static boolean isSm2(ECParameterSpec params) {
        if (params == null) {
            return false;
        }
        EllipticCurve curve = params.getCurve();
        return curve.getField() instanceof ECFieldFp field
                && field.getP().equals(CURVE.getCurve().getField().getCharacteristic())
                && curve.getA().equals(CURVE.getCurve().getA().toBigInteger())
                && curve.getB().equals(CURVE.getCurve().getB().toBigInteger())
                && params.getOrder().equals(ORDER)
                && params.getCofactor() == CURVE.getH().intValueExact()
                && params.getGenerator().getAffineX().equals(CURVE.getG().getAffineXCoord().toBigInteger())
                && params.getGenerator().getAffineY().equals(CURVE.getG().getAffineYCoord().toBigInteger());
    }
}
