package org.realname.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.spec.SecretKeySpec;

/**
 * {@link Mac} with HMAC (RFC 2104) over SM3: 32-byte tags. Keys shorter than
 * {@value #MIN_KEY_SIZE} bytes are refused, since they would make the tag guessable.
 */
public final class HmacSm3 implements Mac {

    public static final int MIN_KEY_SIZE = 16;
    public static final int TAG_SIZE = 32;

    private static final String ALGORITHM = "HMACSM3";

    private final SecretKeySpec key;

    /**
     * @throws InvalidKeyException if the key is shorter than {@value #MIN_KEY_SIZE} bytes
     */
    public HmacSm3(SecretBytes key) throws InvalidKeyException {
        if (key.size() < MIN_KEY_SIZE) {
            throw new InvalidKeyException("HMAC-SM3 key must be at least " + MIN_KEY_SIZE + " bytes, got " + key.size());
        }
        byte[] raw = key.toByteArray(SecretKeyAccess.rawKeyAccess());
        this.key = new SecretKeySpec(raw, ALGORITHM);
        Arrays.fill(raw, (byte) 0);
    }

    @Override
    public byte[] computeMac(byte[] data) throws GeneralSecurityException {
        // A JCA Mac is stateful and not thread-safe: one per call keeps this object shareable.
        javax.crypto.Mac mac = GmProvider.mac(ALGORITHM);
        mac.init(key);
        return mac.doFinal(data);
    }

    @Override
    public void verifyMac(byte[] mac, byte[] data) throws GeneralSecurityException {
        if (mac == null || !MessageDigest.isEqual(computeMac(data), mac)) {
            throw new GeneralSecurityException("invalid MAC");
        }
    }
}
