package org.realname.gateway.keys;

/** A ciphertext and the id of the key that sealed it. */
public record SealedValue(String keyId, byte[] ciphertext) {
}
