package org.realname.gateway.keys;

/**
 * The master keys that have versions with statuses in the key ring ({@code key_version.kind})
 * and can be rotated. The blind-index key is not one of them: a new one would mean recomputing
 * every index, so it stays a single, separate key ({@code blind-index-v1}).
 */
public enum KeyKind {

    /** Key-encryption keys: the active one wraps new data keys, passive ones still unwrap. */
    KEK(KeyPurpose.KEY_ENCRYPTION),

    /** Signing keys: the active one signs, passive ones still verify. */
    SIGNING(KeyPurpose.SIGNING);

    private final KeyPurpose purpose;

    KeyKind(KeyPurpose purpose) {
        this.purpose = purpose;
    }

    public KeyPurpose purpose() {
        return purpose;
    }
}
