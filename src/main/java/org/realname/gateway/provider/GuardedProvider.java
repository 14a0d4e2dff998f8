package org.realname.gateway.provider;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * The configured provider behind SmallRye Fault Tolerance. Package-private: {@link ProviderLink}
 * is the public facade and turns the strategies' own exceptions into {@link ProviderException}s.
 *
 * <p>The annotation values are the defaults; every one can be overridden per method with
 * {@code quarkus.fault-tolerance."org.realname.gateway.provider.GuardedProvider/<method>".<strategy>.<property>}
 * (see {@code application.properties} and docs/limits-and-resilience.md).
 *
 * <p>Only {@link ProviderUnavailableException} and timeouts count as breaker failures: a refusal
 * means the provider is up and answering, so it must never open the breaker. Each method has its
 * own breaker; both open together when the provider is really down.
 *
 * <p>Not final: the fault-tolerance interceptors subclass it.
 */
@ApplicationScoped
class GuardedProvider {

    static final String START_BREAKER = "provider-start";
    static final String QUERY_BREAKER = "provider-query";
    /** The default breaker delay (ms), also the {@code Retry-After} hint when nothing overrides it. */
    static final long BREAKER_DELAY_MS = 30_000;

    private final FaceVerificationProvider provider;

    GuardedProvider(FaceVerificationProvider provider) {
        this.provider = provider;
    }

    public String id() {
        return provider.id();
    }

    java.util.Optional<java.net.URI> appLink(java.net.URI redirectUrl) {
        return provider.appLink(redirectUrl);
    }

    /**
     * {@code initialize}: never retried, because the provider accepts each {@code outer_order_no}
     * once; a retry after a lost answer would be refused, or worse, start a second verification.
     */
    @Timeout(value = 12, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = BREAKER_DELAY_MS,
            successThreshold = 1, failOn = { ProviderUnavailableException.class, TimeoutException.class })
    @CircuitBreakerName(START_BREAKER)
    public StartedVerification start(VerificationStart request) {
        return provider.start(request);
    }

    /**
     * {@code query} with its retries, bounded as a whole: the design bounds the provider's
     * comparison step at 30 s. The call to {@link #query} is a self-invocation, which Quarkus
     * intercepts, so the inner strategies apply under this outer timeout.
     */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public ProviderOutcome fetchOutcome(String providerReference) {
        return query(providerReference);
    }

    /**
     * One {@code query}, retried on unavailability only: it is read-only at the provider, so a
     * repeat is safe. A refusal is final and an open breaker is not worth waiting for.
     */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 30, durationUnit = ChronoUnit.SECONDS,
            retryOn = { ProviderUnavailableException.class, TimeoutException.class })
    @Timeout(value = 9, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = BREAKER_DELAY_MS,
            successThreshold = 1, failOn = { ProviderUnavailableException.class, TimeoutException.class })
    @CircuitBreakerName(QUERY_BREAKER)
    public ProviderOutcome query(String providerReference) {
        return provider.fetchOutcome(providerReference);
    }
}
