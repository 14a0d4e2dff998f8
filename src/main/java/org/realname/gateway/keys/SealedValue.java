package org.realname.gateway.keys;

import java.util.Arrays;
import java.util.Objects;

import org.realname.gateway.crypto.Sm4GcmAead;

/**
 * An encrypted field as stored: the id of the key that sealed it and the ciphertext in the
 * {@link Sm4GcmAead} wire format. Both columns are needed to open it again.
 */
public record SealedValue(String keyId, byte[] ciphertext) {

    public SealedValue {
        Objects.requireNonNull(keyId, "keyId");
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedValue other && keyId.equals(other.keyId) && Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedValue[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}
