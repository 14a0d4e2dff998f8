package org.realname.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link Aead} with SM4 in GCM mode (GB/T 32907 block cipher, NIST SP 800-38D mode, as in
 * RFC 8998): 128-bit key, a fresh random 96-bit nonce per message, 128-bit tag.
 *
 * <p>Ciphertext layout (all lengths in bytes):
 * <pre>
 * offset 0   1        format version, 0x01
 * offset 1   12       nonce, from SecureRandom, never reused on purpose
 * offset 13  n        SM4-GCM ciphertext (n = plaintext length)
 * offset 13+n 16      GCM tag
 * </pre>
 * The shortest valid ciphertext is 29 bytes (empty plaintext). The GCM additional
 * authenticated data is exactly the caller's associated data; the version byte is not in it
 * (a changed version byte is refused before decryption, and a future format will carry its own
 * version). {@link #decrypt} checks length and version before touching the cipher.
 *
 * <p>Random nonces keep the collision risk below 2<sup>-32</sup> for up to 2<sup>32</sup>
 * messages per key: rotate the key long before that.
 */
public final class Sm4GcmAead implements Aead {

    /** The version byte of the layout above. */
    public static final byte FORMAT_VERSION = 0x01;
    public static final int KEY_SIZE = 16;
    public static final int NONCE_SIZE = 12;
    public static final int TAG_SIZE = 16;
    static final int HEADER_SIZE = 1 + NONCE_SIZE;
    static final int MIN_CIPHERTEXT_SIZE = HEADER_SIZE + TAG_SIZE;

    private static final String TRANSFORMATION = "SM4/GCM/NoPadding";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /**
     * @throws InvalidKeyException if the key is not {@value #KEY_SIZE} bytes
     */
    public Sm4GcmAead(SecretBytes key) throws InvalidKeyException {
        if (key.size() != KEY_SIZE) {
            throw new InvalidKeyException("SM4 key must be " + KEY_SIZE + " bytes, got " + key.size());
        }
        byte[] raw = key.toByteArray(SecretKeyAccess.rawKeyAccess());
        this.key = new SecretKeySpec(raw, "SM4");
        Arrays.fill(raw, (byte) 0);
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        requireAssociatedData(associatedData);
        byte[] nonce = new byte[NONCE_SIZE];
        random.nextBytes(nonce);
        byte[] sealed = encryptWithNonce(nonce, plaintext, associatedData);
        byte[] out = new byte[HEADER_SIZE + sealed.length];
        out[0] = FORMAT_VERSION;
        System.arraycopy(nonce, 0, out, 1, NONCE_SIZE);
        System.arraycopy(sealed, 0, out, HEADER_SIZE, sealed.length);
        return out;
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        requireAssociatedData(associatedData);
        if (ciphertext == null || ciphertext.length < MIN_CIPHERTEXT_SIZE) {
            throw new GeneralSecurityException("ciphertext too short");
        }
        if (ciphertext[0] != FORMAT_VERSION) {
            throw new GeneralSecurityException("unknown ciphertext format version");
        }
        Cipher cipher = GmProvider.cipher(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_SIZE * 8, ciphertext, 1, NONCE_SIZE));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(ciphertext, HEADER_SIZE, ciphertext.length - HEADER_SIZE);
    }

    /**
     * Raw SM4-GCM with a caller-chosen nonce, returning {@code ciphertext || tag} without the
     * header. Package-private for the RFC 8998 known-answer test only: a nonce repeated under
     * one key destroys GCM's confidentiality and integrity, so production paths draw it at random.
     */
    byte[] encryptWithNonce(byte[] nonce, byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        if (nonce.length != NONCE_SIZE) {
            throw new GeneralSecurityException("nonce must be " + NONCE_SIZE + " bytes");
        }
        Cipher cipher = GmProvider.cipher(TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_SIZE * 8, nonce));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(plaintext);
    }

    private static void requireAssociatedData(byte[] associatedData) {
        if (associatedData == null || associatedData.length == 0) {
            throw new IllegalArgumentException("associated data is required");
        }
    }
}
