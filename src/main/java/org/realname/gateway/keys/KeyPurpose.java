package org.realname.gateway.keys;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a secret key is for. The purpose fixes the algorithm and key size; a key id is the
 * purpose's prefix and a version ({@code record-v1}), and is stored next to every ciphertext
 * or index it produced so that the right key can be found again after rotation.
 */
public enum KeyPurpose {

    /** SM4-GCM encryption of identity fields, {@link IdentityCipher}. */
    RECORD_ENCRYPTION("record", "SM4", 16),

    /** HMAC-SM3 blind indexes for equality search on encrypted fields, {@link BlindIndex}. */
    BLIND_INDEX("blind-index", "HMAC-SM3", 32);

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

    /** The key id of a version of this purpose's key: {@code record-v2}. */
    public String keyId(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        return prefix + "-v" + version;
    }

    /**
     * The key that encrypts and indexes new data. There is one version per purpose today;
     * rotation will move this choice into a key ring with key statuses (active, passive).
     */
    public String activeKeyId() {
        return keyId(1);
    }

    /** The purpose a key id belongs to, if it is one of ours. */
    public static Optional<KeyPurpose> ofKeyId(String keyId) {
        for (KeyPurpose purpose : values()) {
            String head = purpose.prefix + "-v";
            if (keyId.startsWith(head) && VERSION.matcher(keyId.substring(head.length())).matches()) {
                return Optional.of(purpose);
            }
        }
        return Optional.empty();
    }
}
