package org.realname.gateway.tls;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

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
    private final Event<TlsStartupChecked> checked;

    public TlsStartupGuard(TlsConfig config, TlsMaterial material, Event<TlsStartupChecked> checked) {
        this.config = config;
        this.material = material;
        this.checked = checked;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = check(ConfigUtils.getProfiles(), config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
        }
        if (config.enabled()) {
            material.server();
        }
        // The provider link's check (provider.alipay) may trust the CA made just above.
        checked.fire(new TlsStartupChecked());
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
