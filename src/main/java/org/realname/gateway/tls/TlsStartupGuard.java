package org.realname.gateway.tls;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

import org.realname.gateway.provider.alipay.AlipayConfig;

/**
 * Fails closed on TLS settings: insecure protocols or suites refuse every start; in production
 * the development generator must be off and the key store password must come from outside, and
 * with the listener on its key stores must load, so a missing or unreadable file stops the start
 * instead of leaving the port closed.
 */
@ApplicationScoped
public class TlsStartupGuard {

    private final TlsConfig config;
    private final TlsMaterial material;
    private final AlipayConfig provider;

    public TlsStartupGuard(TlsConfig config, TlsMaterial material, AlipayConfig provider) {
        this.config = config;
        this.material = material;
        this.provider = provider;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = check(ConfigUtils.getProfiles(), config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
        }
        if (config.enabled()) {
            material.server();
        }
        checkProviderLink(provider.tls());
    }

    /**
     * Builds the provider link's TLS once at start so a GM mode without a readable trust anchor
     * stops the start rather than the first verification. In the embedded default the anchor
     * may be the listener's generated CA, made just above.
     */
    static void checkProviderLink(AlipayConfig.Tls tls) {
        if (tls.mode() == LinkTlsMode.TLCP) {
            // Checked at start by tls.tlcp.TlcpClientContexts, from its own keys.
            return;
        }
        try {
            LinkTls.create(tls.mode(), tls.trustAnchor(), tls.keyStore(), tls.keyStorePassword().orElse("").toCharArray(),
                    tls.cipherSuites());
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Refusing to start: the provider link's TLS (gateway.provider.alipay.tls.*) "
                    + "cannot be set up: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The reasons not to start; empty when the configuration is acceptable. */
    public static List<String> check(List<String> profiles, TlsConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.enabled()) {
            problems.addAll(TlsPolicy.problems(config.protocols(), config.cipherSuites()));
        }
        if (profiles.contains("prod")) {
            if (config.generateIfMissing()) {
                problems.add("development TLS certificates must not be generated in production (gateway.tls.generate-if-missing)");
            }
            if (config.enabled() && config.keyStorePassword().filter(p -> !p.isBlank()).isEmpty()) {
                problems.add("the TLS key store password is not set (GATEWAY_TLS_KEY_STORE_PASSWORD)");
            }
            if (config.enabled() && config.sm2KeyStore().isEmpty() && config.ecdsaKeyStore().isEmpty()) {
                problems.add("the HTTPS listener has no key store (gateway.tls.sm2-key-store, gateway.tls.ecdsa-key-store)");
            }
        }
        return problems;
    }
}
