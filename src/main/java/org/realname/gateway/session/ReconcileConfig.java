package org.realname.gateway.session;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reconciliation of sessions left at the provider. */
@ConfigMapping(prefix = "gateway.reconcile")
public interface ReconcileConfig {

    /** How often the reconciler looks for pending sessions. */
    @WithDefault("30s")
    String interval();

    /** Delay of the first run after start. */
    @WithDefault("5s")
    String initialDelay();

    /** How long after the redirect to the provider the browser gets to come back before reconciliation asks. */
    @WithDefault("60s")
    Duration firstAttemptAfter();

    /** Wait between two questions about a session the user has not finished, doubled each time up to {@link #maxBackoff()}. */
    @WithDefault("30s")
    Duration backoff();

    @WithDefault("5m")
    Duration maxBackoff();

    /** How long one instance holds a session while asking the provider. */
    @WithDefault("2m")
    Duration lease();

    /** Sessions per run. */
    @WithDefault("50")
    int batch();

    /**
     * How long past its expiry a session may stay pending because the provider cannot be reached;
     * after that it becomes {@code ERROR} (the outcome can no longer be learned).
     */
    @WithDefault("24h")
    Duration giveUpAfter();
}
