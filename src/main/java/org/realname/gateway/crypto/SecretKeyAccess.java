package org.realname.gateway.crypto;

/**
 * The token that unlocks raw key bytes in {@link SecretBytes}. It carries no power of its own:
 * it exists so that every place that touches raw key material has to name it, and a search for
 * {@code SecretKeyAccess.rawKeyAccess()} lists every such place for review (the idea of Tink's
 * {@code SecretKeyAccess}). Legitimate callers: the primitives that hand a key to the JCA, the
 * key store loader, and known-answer tests.
 */
public final class SecretKeyAccess {

    private static final SecretKeyAccess TOKEN = new SecretKeyAccess();

    private SecretKeyAccess() {
    }

    /** Grants access to raw key bytes. Each call site is a raw-key use that must be justified. */
    public static SecretKeyAccess rawKeyAccess() {
        return TOKEN;
    }
}
