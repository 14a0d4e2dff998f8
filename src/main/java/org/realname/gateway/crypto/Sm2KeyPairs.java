package org.realname.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * SM2 key pairs on {@code sm2p256v1}: generation, and the two standard DER encodings, which
 * openssl reads and writes too (its PEM files are these bytes in Base64 between
 * {@code -----BEGIN PRIVATE KEY-----} / {@code -----BEGIN PUBLIC KEY-----} lines):
 * <ul>
 *   <li>public keys as X.509 {@code SubjectPublicKeyInfo} (algorithm {@code id-ecPublicKey},
 *       named curve {@code 1.2.156.10197.1.301});</li>
 *   <li>private keys as unencrypted PKCS#8 {@code PrivateKeyInfo}. That is raw key material, so
 *       it goes in and out only as {@link SecretBytes}: reading the bytes needs
 *       {@link SecretKeyAccess#rawKeyAccess()}, which keeps every use visible. Store it only
 *       inside a protected key store.</li>
 * </ul>
 * Every decoded key is checked to lie on {@code sm2p256v1}; malformed input and keys on other
 * curves fail with a {@link GeneralSecurityException} that carries no key bytes.
 */
public final class Sm2KeyPairs {

    private Sm2KeyPairs() {
    }

    /** A fresh key pair from {@link SecureRandom}. */
    public static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = GmProvider.keyPairGenerator(Sm2Domain.KEY_ALGORITHM);
        generator.initialize(new ECGenParameterSpec(Sm2Domain.CURVE_NAME), new SecureRandom());
        return generator.generateKeyPair();
    }

    /** The X.509 SubjectPublicKeyInfo DER of an SM2 public key. */
    public static byte[] encodePublicKey(PublicKey publicKey) throws InvalidKeyException {
        Sm2Domain.requireSm2Key(publicKey);
        return encoded(publicKey, "X.509");
    }

    /**
     * Reads an X.509 SubjectPublicKeyInfo DER. BouncyCastle checks that the point is on the
     * curve; this also checks that the curve is SM2's.
     */
    public static PublicKey decodePublicKey(byte[] spki) throws GeneralSecurityException {
        Objects.requireNonNull(spki, "spki");
        PublicKey key;
        try {
            key = GmProvider.keyFactory(Sm2Domain.KEY_ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
        } catch (RuntimeException e) {
            // Defence in depth: malformed input must stay a checked failure for callers.
            throw new InvalidKeySpecException("malformed SM2 public key");
        }
        Sm2Domain.requireSm2Key(key);
        return key;
    }

    /** The PKCS#8 PrivateKeyInfo DER of an SM2 private key, as secret bytes. */
    public static SecretBytes encodePrivateKey(PrivateKey privateKey) throws InvalidKeyException {
        Sm2Domain.requireSm2Key(privateKey);
        byte[] der = encoded(privateKey, "PKCS#8");
        try {
            return SecretBytes.copyFrom(der, SecretKeyAccess.rawKeyAccess());
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** Reads a PKCS#8 PrivateKeyInfo DER (unencrypted), checking that the key is on SM2's curve. */
    public static PrivateKey decodePrivateKey(SecretBytes pkcs8) throws GeneralSecurityException {
        byte[] der = pkcs8.toByteArray(SecretKeyAccess.rawKeyAccess());
        PrivateKey key;
        try {
            // PKCS8EncodedKeySpec keeps its own copy, which JDK 17 cannot wipe; ours is wiped.
            key = GmProvider.keyFactory(Sm2Domain.KEY_ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException | RuntimeException e) {
            // No cause and no parser message: they may quote the input, which is key material.
            throw new InvalidKeySpecException("malformed SM2 private key");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
        Sm2Domain.requireSm2Key(key);
        return key;
    }

    private static byte[] encoded(java.security.Key key, String format) throws InvalidKeyException {
        byte[] encoded = format.equals(key.getFormat()) ? key.getEncoded() : null;
        if (encoded == null) {
            throw new InvalidKeyException("key cannot be exported as " + format);
        }
        return encoded;
    }
}
