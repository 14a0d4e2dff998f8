package org.realname.gateway.privacy;

/**
 * An identity as stored: both parts SM4-GCM sealed under {@code keyId}, plus the blind index of
 * the ID number so equal ID numbers can be found without decrypting.
 */
public record SealedIdentity(String keyId, byte[] nameCiphertext, byte[] idNumberCiphertext, String idNumberIndex) {
}
