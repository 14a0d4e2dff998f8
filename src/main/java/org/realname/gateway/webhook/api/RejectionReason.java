package org.realname.gateway.webhook.api;

/** Why {@link WebhookVerifier} refused a delivery. Answer the gateway with a 4xx for any of them. */
public enum RejectionReason {
    /** The signature header is missing, too long, or not {@code t=...,v1=...[,sm2=...]}. */
    MALFORMED_HEADER,
    /** The event id header is missing or not an event id. */
    MALFORMED_EVENT_ID,
    /** The timestamp is older than the tolerance: a replay of an old delivery, or a very late one. */
    STALE_TIMESTAMP,
    /** The timestamp is further ahead than the tolerance: a clock problem or a forged header. */
    FUTURE_TIMESTAMP,
    /**
     * No v1 value is the HMAC-SM3 of this timestamp and body under any of the secrets: the body
     * or timestamp was changed, or the secret is wrong (the two cannot be told apart, by design).
     */
    SIGNATURE_MISMATCH,
    /** An SM2 signature is required and absent. */
    SM2_SIGNATURE_MISSING,
    /** The SM2 signature does not verify with the gateway's public key. */
    SM2_SIGNATURE_INVALID,
    /** The signed body does not carry the event id of the header (the header was swapped). */
    EVENT_ID_MISMATCH,
    /** This event id was already accepted: a replay. */
    REPLAYED_EVENT
}
