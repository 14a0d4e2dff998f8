package org.realname.gateway.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Says on {@code /q/health/ready} whether the identity provider (Keycloak) answers its discovery
 * document, and since when it does not.
 *
 * <p>The check stays UP while the provider is unreachable: tokens are verified locally with the
 * signing keys already fetched, so every instance can go on serving valid tokens. Reporting DOWN
 * would make a load balancer take every instance out of rotation at once and turn an identity
 * provider outage into a gateway outage. The data ({@code reachable: false}, {@code since}) and
 * the gauge {@code gateway_identity_provider_up} are what operators alert on. Created at start
 * so the gauge is there before the first probe.
 */
@Readiness
@ApplicationScoped
@Startup
public class IdentityProviderHealthCheck implements HealthCheck {

    static final String NAME = "identity provider";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Optional<URI> discovery;
    private final boolean devIssuer;
    private final Clock clock;
    private final HttpClient http;
    /** When the provider was first seen unreachable since it last answered; null while it answers. */
    private final AtomicReference<Instant> downSince = new AtomicReference<>();
    private volatile boolean lastReachable = true;

    public IdentityProviderHealthCheck(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            DevIssuerConfig devIssuer, Clock clock, MeterRegistry registry) {
        this.discovery = authServerUrl.filter(u -> !u.isBlank())
                .map(u -> URI.create(u.replaceAll("/+$", "") + "/.well-known/openid-configuration"));
        this.devIssuer = devIssuer.enabled();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        Gauge.builder("gateway.identity.provider.up", this, c -> c.lastReachable ? 1 : 0)
                .description("1 while the identity provider answered the last readiness probe, 0 when it did not")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named(NAME).up();
        if (discovery.isEmpty()) {
            return r.withData("issuer", devIssuer ? "development issuer (in process)" : "none configured").build();
        }
        r.withData("discovery", discovery.get().toString());
        String problem = probe(discovery.get());
        if (problem == null) {
            downSince.set(null);
            lastReachable = true;
            return r.withData("reachable", true).build();
        }
        lastReachable = false;
        downSince.compareAndSet(null, clock.instant());
        return r.withData("reachable", false)
                .withData("problem", problem)
                .withData("since", downSince.get().toString())
                .withData("tokens", "verified with the signing keys fetched before; a token signed with a new key is refused until it answers")
                .build();
    }

    /** Null when the discovery document answers 200, else what went wrong (no body, no secrets). */
    private String probe(URI uri) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? null : "discovery answered HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "unreachable (" + e.getClass().getSimpleName() + ")";
        }
    }
}
