package org.realname.gateway.webhook.api;

/** The names of the headers every webhook delivery carries. */
public final class WebhookHeaders {

    /** {@code t=<unix seconds>,v1=<hex HMAC-SM3>[,v1=<hex>][,sm2=<base64 DER SM2 signature>]}. */
    public static final String SIGNATURE = "Realname-Signature";
    /** The event id; also in the signed body as {@code "event_id"}, receivers dedupe by it. */
    public static final String EVENT_ID = "Realname-Event-Id";

    private WebhookHeaders() {
    }
}
