package org.realname.gateway.limits;

/** What an attempt is counted against. The stored name is also the digest domain, so keys of different scopes never collide. */
enum Scope {
    ACCOUNT("account"),
    ID_NUMBER("id-number"),
    CLIENT_IP("client-ip");

    private final String stored;

    Scope(String stored) {
        this.stored = stored;
    }

    /** The value of {@code verification_attempt.scope}. */
    String stored() {
        return stored;
    }

    /** The {@code BlindIndex.mac} domain of this scope's subject keys. */
    String digestDomain() {
        return "attempt-limit:" + stored;
    }
}
