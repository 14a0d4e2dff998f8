package org.realname.gateway.consent;

/** What happens to a child under the guardian age ({@code gateway.minors.guardian-age}). */
public enum MinorPolicy {
    /**
     * The default: the consent page asks for the guardian's name, relation and consent, and no
     * provider call happens until that guardian consent is on record.
     */
    STRICT,
    /** Children under the guardian age are not verified at all; the consent step refuses them. */
    REFUSE
}
