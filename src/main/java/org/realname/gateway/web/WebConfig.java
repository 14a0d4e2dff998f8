package org.realname.gateway.web;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and switches of the HTTP surface. */
@ConfigMapping(prefix = "gateway.web")
public interface WebConfig {

    /** Largest request body the API accepts, in bytes; larger ones get {@code 413 body-too-large}. */
    @WithDefault("16384")
    long maxBodyBytes();

    /**
     * Whether desktop browsers, after consent, get a hand-off page with a QR code that opens the
     * capture in the provider's mobile app (for providers whose capture runs only there), instead
     * of going straight to the provider's page. Phones always go straight there.
     */
    @WithDefault("false")
    boolean desktopHandoff();

    /** Whether the demo platform page ({@code /demo}) is served. Never in production. */
    @WithDefault("false")
    boolean demoEnabled();

    /**
     * The {@code Retry-After} of a {@code 503 database-unavailable} answer (rounded to whole
     * seconds, at least one). Short: the pool reconnects on the first request after the database
     * is back, so a client that waits longer only waits longer.
     */
    @WithDefault("PT5S")
    Duration databaseRetryAfter();
}
