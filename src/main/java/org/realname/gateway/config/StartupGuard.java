package org.realname.gateway.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.realname.gateway.fault.FaultConfig;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Fails closed: the production profile refuses to start with any development part switched on
 * (token issuer, sandbox provider, demo page), because each of them would let anyone in or fake
 * a verification; nor with a crash-test fault point armed, which would halt it on purpose.
 */
@ApplicationScoped
public class StartupGuard {

    private final boolean devIssuerEnabled;
    private final boolean sandboxEnabled;
    private final boolean demoEnabled;
    private final URI providerEndpoint;
    private final FaultConfig faults;
    private final String bizCode;

    // The issuer's flag is read by name, like the sandbox's and the demo's: the guard sits below
    // the packages it checks and must not import their configuration.
    public StartupGuard(FaultConfig faults,
            @ConfigProperty(name = "gateway.dev-issuer.enabled", defaultValue = "false") boolean devIssuerEnabled,
            @ConfigProperty(name = "gateway.provider.alipay.biz-code", defaultValue = "FACE") String bizCode,
            @ConfigProperty(name = "gateway.sandbox.enabled", defaultValue = "false") boolean sandboxEnabled,
            @ConfigProperty(name = "gateway.web.demo-enabled", defaultValue = "false") boolean demoEnabled,
            @ConfigProperty(name = "gateway.provider.alipay.endpoint") URI providerEndpoint) {
        this.devIssuerEnabled = devIssuerEnabled;
        this.sandboxEnabled = sandboxEnabled;
        this.demoEnabled = demoEnabled;
        this.providerEndpoint = providerEndpoint;
        this.faults = faults;
        this.bizCode = bizCode;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = check(ConfigUtils.getProfiles(), devIssuerEnabled, sandboxEnabled, demoEnabled);
        problems.addAll(checkProvider(ConfigUtils.getProfiles(), providerEndpoint));
        problems.addAll(checkFaultPoints(ConfigUtils.getProfiles(), faults.haltAt()));
        problems.addAll(checkLiveness(ConfigUtils.getProfiles(), bizCode));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in the production profile: " + String.join("; ", problems));
        }
    }

    /** The reasons not to start; empty when the configuration is acceptable. */
    public static List<String> check(List<String> profiles, boolean devIssuer, boolean sandbox, boolean demo) {
        List<String> problems = new ArrayList<>();
        if (profiles.contains("prod")) {
            if (devIssuer) {
                problems.add("the development token issuer is enabled (gateway.dev-issuer.enabled)");
            }
            if (sandbox) {
                problems.add("the sandbox provider is enabled (gateway.sandbox.enabled)");
            }
            if (demo) {
                problems.add("the demo page is enabled (gateway.web.demo-enabled)");
            }
        }
        return problems;
    }

    /** In production the provider link must be the real, TLS-protected endpoint, not the sandbox. */
    public static List<String> checkProvider(List<String> profiles, URI endpoint) {
        List<String> problems = new ArrayList<>();
        if (profiles.contains("prod")) {
            if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
                problems.add("the provider endpoint must use https (gateway.provider.alipay.endpoint)");
            }
            if (endpoint.getPath() != null && endpoint.getPath().startsWith("/sandbox/")) {
                problems.add("the provider endpoint points at the sandbox (gateway.provider.alipay.endpoint)");
            }
        }
        return problems;
    }

    /**
     * The provider products that compare a live face with the identity: {@code FACE} (multi-factor
     * face) and {@code CERT_PHOTO_FACE} (document photo and face). {@code SMART_FACE} may pass on an
     * earlier authentication without a face and {@code CERT_PHOTO} checks a document photo only,
     * so neither proves a living person is present, which the face-information rules promise.
     */
    public static final Set<String> LIVENESS_PRODUCTS = Set.of("FACE", "CERT_PHOTO_FACE");

    /** In production the gateway asks the provider for a product with liveness, nothing weaker. */
    public static List<String> checkLiveness(List<String> profiles, String bizCode) {
        List<String> problems = new ArrayList<>();
        if (profiles.contains("prod") && !LIVENESS_PRODUCTS.contains(bizCode)) {
            problems.add("the provider product must include a liveness check, one of " + new java.util.TreeSet<>(LIVENESS_PRODUCTS)
                    + " (gateway.provider.alipay.biz-code)");
        }
        return problems;
    }

    /** A fault point halts the process on purpose: for crash tests only, never in production. */
    public static List<String> checkFaultPoints(List<String> profiles, Optional<String> haltAt) {
        List<String> problems = new ArrayList<>();
        if (profiles.contains("prod") && haltAt.isPresent()) {
            problems.add("a test-only fault point is armed (gateway.fault.halt-at)");
        }
        return problems;
    }
}
