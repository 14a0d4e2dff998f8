package org.realname.gateway.keys;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a master key is for. The purpose fixes the algorithm and key size; a key id is the
 * purpose's prefix and a version ({@code kek-v2}), and is stored next to everything the key
 * produced (a wrapped data key, a signature) so that the right key is found again after
 * rotation.
 */
public enum KeyPurpose {

    /** SM4-GCM key-encryption keys: they wrap the per-account data keys, {@link AccountKeys}. */
    KEY_ENCRYPTION("kek", "SM4", 16),

    /** HMAC-SM3 blind indexes for equality search on encrypted fields, {@link BlindIndex}. */
    BLIND_INDEX("blind-index", "HMAC-SM3", 32),

    /** SM2 (with SM3) signing key pairs with a self-signed certificate; size is the private scalar. */
    SIGNING("sign", "SM2", 32);

    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

    private final String prefix;
    private final String algorithm;
    private final int keySize;

    KeyPurpose(String prefix, String algorithm, int keySize) {
        this.prefix = prefix;
        this.algorithm = algorithm;
        this.keySize = keySize;
    }

    /** Human name of the algorithm, for logs and documentation. */
    public String algorithm() {
        return algorithm;
    }

    /** Key length in bytes. */
    public int keySize() {
        return keySize;
    }

    /** The key id of a version of this purpose's key: {@code kek-v2}. */
    public String keyId(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        return prefix + "-v" + version;
    }

    /** The version inside one of this purpose's key ids. */
    public int version(String keyId) {
        if (ofKeyId(keyId).orElse(null) != this) {
            throw new IllegalArgumentException("not a " + name() + " key id: " + keyId);
        }
        return Integer.parseInt(keyId.substring(prefix.length() + 2));
    }

    /** The purpose a key id belongs to, if it is one of ours. */
    public static Optional<KeyPurpose> ofKeyId(String keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        for (KeyPurpose purpose : values()) {
            String head = purpose.prefix + "-v";
            if (keyId.startsWith(head) && VERSION.matcher(keyId.substring(head.length())).matches()) {
                return Optional.of(purpose);
            }
        }
        return Optional.empty();
    }
}
