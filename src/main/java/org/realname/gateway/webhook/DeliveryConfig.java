package org.realname.gateway.webhook;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** How the worker delivers webhooks ({@code gateway.webhooks.delivery.*}, docs/webhooks.md "Delivery"). */
public interface DeliveryConfig {

    /** Whether this instance runs the delivery worker (every instance may; claims keep them apart). */
    @WithDefault("true")
    boolean enabled();

    /** Pause between two looks for due deliveries (so also the first try's delay for a fresh event). */
    @WithDefault("2s")
    Duration pollInterval();

    /** How long after start the worker first looks. */
    @WithDefault("5s")
    Duration startDelay();

    /** Most deliveries one instance claims per poll. */
    @WithDefault("50")
    int batchSize();

    /** Connecting to an endpoint gives up after this. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** The whole request, answer included, gives up after this: endpoints must answer quickly. */
    @WithDefault("5s")
    Duration requestTimeout();

    /** How long a claim holds; longer than a batch can take, so two instances never overlap. */
    @WithDefault("60s")
    Duration lease();

    /** Delay before the second attempt; each further failure doubles it (with jitter). */
    @WithDefault("10s")
    Duration initialBackoff();

    /** Longest delay between two attempts. */
    @WithDefault("6h")
    Duration maxBackoff();

    /** After this long without success (from the event, or from an admin replay) the delivery is dead-lettered. */
    @WithDefault("3d")
    Duration giveUpAfter();

    /** Also sign each delivery with the gateway's SM2 signing key ({@code sm2=} in the signature header). */
    @WithDefault("true")
    boolean sm2Signature();
}
