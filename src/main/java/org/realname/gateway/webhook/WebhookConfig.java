package org.realname.gateway.webhook;

import java.time.Duration;

import org.realname.gateway.webhook.DeliveryConfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook subscriptions (docs/webhooks.md). Defaults are the production-safe values. */
@ConfigMapping(prefix = "gateway.webhooks")
public interface WebhookConfig {

    /** Endpoint URLs must be https; only the embedded default sets false (plain http on a laptop). */
    @WithDefault("true")
    boolean httpsOnly();

    /**
     * Whether endpoint hosts may be (or resolve to) private, loopback, link-local, multicast or
     * unspecified addresses. False in production: otherwise a platform could make the gateway
     * call its own internal network (SSRF). True only for the embedded default and tests.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** Longest accepted endpoint URL, in characters (the column holds 2048). */
    @WithDefault("2048")
    int maxUrlLength();

    /** How many subscriptions one platform (token subject) may hold. */
    @WithDefault("20")
    int maxSubscriptionsPerPlatform();

    /** After a secret rotation, how long deliveries are also signed with the previous secret. */
    @WithDefault("24h")
    Duration rotationOverlap();

    /** The outbox worker. */
    DeliveryConfig delivery();
}
