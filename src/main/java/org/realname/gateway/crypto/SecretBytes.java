package org.realname.gateway.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Immutable secret key material. The bytes go in and come out only with a
 * {@link SecretKeyAccess} token, and {@link #toString()} shows only the length, so key bytes
 * cannot leak through a log line or an exception message by accident.
 */
public final class SecretBytes {

    private final byte[] bytes;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code value}; the caller may wipe its array afterwards. */
    public static SecretBytes copyFrom(byte[] value, SecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        return new SecretBytes(value.clone());
    }

    /** Fresh key material from a {@link SecureRandom}. */
    public static SecretBytes randomBytes(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive");
        }
        byte[] value = new byte[length];
        new SecureRandom().nextBytes(value);
        return new SecretBytes(value);
    }

    /** A copy of the raw key bytes; the caller should wipe it when done. */
    public byte[] toByteArray(SecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        return bytes.clone();
    }

    /** Length in bytes. */
    public int size() {
        return bytes.length;
    }

    /** Constant-time comparison of the key material. */
    public boolean equalsSecretBytes(SecretBytes other) {
        return other != null && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes]";
    }
}
