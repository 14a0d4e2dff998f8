package org.realname.gateway.webhook.api;

/** The names of the headers every webhook delivery carries. */
public final class WebhookHeaders {

    /** {@code t=<unix seconds>,v1=<hex HMAC-SM3>[,v1=<hex>][,sm2=<base64 DER SM2 signature>]}. */
    public static final String SIGNATURE = "Realname-Signature";
    /** The event id; also in the signed body as {@code "event_id"}, receivers dedupe by it. */
    public static final String EVENT_ID = "Realname-Event-Id";
    /** The event type's wire name, e.g. {@code verification.passed}; also in the body as {@code "type"}. */
    public static final String EVENT_TYPE = "Realname-Event-Type";
    /** The gateway's signing key id the {@code sm2} signature was made with (present with {@code sm2}). */
    public static final String SIGNING_KEY = "Realname-Signing-Key";

    private WebhookHeaders() {
    }
}
