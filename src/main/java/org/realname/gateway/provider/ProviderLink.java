package org.realname.gateway.provider;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.realname.gateway.metrics.GatewayMetrics;

/**
 * The session code's way to the face-verification provider: the configured
 * {@link FaceVerificationProvider} behind timeouts, a circuit breaker per operation, and retries
 * where they are safe.
 *
 * <p>Guarantees:
 * <ul>
 * <li>Every failure is a {@link ProviderException}: either a refusal ({@code PROVIDER_ERROR}, 502)
 * passed through unchanged, or {@link ProviderUnavailableException} ({@code PROVIDER_UNAVAILABLE},
 * 503). No fault-tolerance exception escapes.</li>
 * <li>{@link #start} is called at most once per invocation (never retried) and gives up after its
 * timeout (default 12 s).</li>
 * <li>{@link #fetchOutcome} retries an unavailable provider at most twice, never a refusal, and
 * the whole call including retries ends within 30 s.</li>
 * <li>While a breaker is open, calls fail at once without reaching the provider. Every
 * {@link ProviderUnavailableException} (open breaker, timeout, network error, HTTP error, the
 * provider's {@code 20000}) carries {@code retryAfter} = that operation's breaker delay, which
 * the problem mapper sends as {@code Retry-After}.</li>
 * </ul>
 *
 * <p>Deliberately not a {@link FaceVerificationProvider} itself, so injecting the provider
 * interface stays unambiguous.
 */
@ApplicationScoped
public final class ProviderLink {

    private final GuardedProvider guarded;
    private final GatewayMetrics metrics;
    private final Duration startRetryAfter;
    private final Duration queryRetryAfter;

    ProviderLink(GuardedProvider guarded, Config config, GatewayMetrics metrics) {
        this.guarded = guarded;
        this.metrics = metrics;
        this.startRetryAfter = breakerDelay(config, "start");
        this.queryRetryAfter = breakerDelay(config, "query");
    }

    /** See {@link FaceVerificationProvider#appLink}; a local computation, no call to the provider. */
    public java.util.Optional<java.net.URI> appLink(java.net.URI redirectUrl) {
        return guarded.appLink(redirectUrl);
    }

    /** The provider's stable id ({@code "alipay"}). */
    public String id() {
        return guarded.id();
    }

    /**
     * Starts a verification at the provider; see {@link FaceVerificationProvider#start}.
     *
     * @throws ProviderUnavailableException when the provider is down, slow, or its breaker is open
     * @throws ProviderException when the provider refuses the request
     */
    public StartedVerification start(VerificationStart request) {
        long t0 = System.nanoTime();
        String outcome = "ok";
        try {
            return guarded.start(request);
        } catch (CircuitBreakerOpenException e) {
            outcome = "unavailable";
            throw ProviderException.unavailable("circuit-open", null, startRetryAfter);
        } catch (TimeoutException e) {
            outcome = "unavailable";
            throw ProviderException.unavailable("timeout", null, startRetryAfter);
        } catch (ProviderException e) {
            outcome = outcomeOf(e);
            throw withRetryAfter(e, startRetryAfter);
        } finally {
            metrics.providerCall("start", outcome, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /**
     * Asks the provider for the outcome; see {@link FaceVerificationProvider#fetchOutcome}.
     *
     * @throws ProviderUnavailableException when the provider stays down or slow through the
     *         retries, or its breaker is open
     * @throws ProviderException when the provider refuses the query
     */
    public ProviderOutcome fetchOutcome(String providerReference) {
        long t0 = System.nanoTime();
        String outcome = "ok";
        try {
            return guarded.fetchOutcome(providerReference);
        } catch (CircuitBreakerOpenException e) {
            outcome = "unavailable";
            throw ProviderException.unavailable("circuit-open", null, queryRetryAfter);
        } catch (TimeoutException e) {
            outcome = "unavailable";
            throw ProviderException.unavailable("timeout", null, queryRetryAfter);
        } catch (ProviderException e) {
            outcome = outcomeOf(e);
            throw withRetryAfter(e, queryRetryAfter);
        } finally {
            metrics.providerCall("query", outcome, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /**
     * Every unavailability answers with a retry hint, not only the breaker's and the link's own
     * timeouts: the HTTP client's read timeout, a network error or a 502 from a proxy are the same
     * situation for the client, and which one fired first must not change the answer.
     */
    private static ProviderException withRetryAfter(ProviderException e, Duration retryAfter) {
        if (e instanceof ProviderUnavailableException && e.retryAfter().isEmpty()) {
            return ProviderException.unavailable(e.providerCode(), e, retryAfter);
        }
        return e;
    }

    private static String outcomeOf(ProviderException e) {
        return e instanceof ProviderUnavailableException ? "unavailable" : "refused";
    }

    /**
     * The configured breaker delay of one guarded method, read from the same keys SmallRye reads
     * (the Quarkus form first, then the MicroProfile form), else the annotation's default.
     */
    static Duration breakerDelay(Config config, String method) {
        String id = GuardedProvider.class.getName() + "/" + method;
        String quarkus = "quarkus.fault-tolerance.\"" + id + "\".circuit-breaker.";
        String micro = id + "/CircuitBreaker/";
        Long delay = config.getOptionalValue(quarkus + "delay", Long.class)
                .or(() -> config.getOptionalValue(micro + "delay", Long.class))
                .orElse(GuardedProvider.BREAKER_DELAY_MS);
        ChronoUnit unit = config.getOptionalValue(quarkus + "delay-unit", ChronoUnit.class)
                .or(() -> config.getOptionalValue(micro + "delayUnit", ChronoUnit.class))
                .orElse(ChronoUnit.MILLIS);
        return Duration.of(delay, unit);
    }
}
