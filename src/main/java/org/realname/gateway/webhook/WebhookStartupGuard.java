package org.realname.gateway.webhook;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Fails closed: the production profile refuses to start with the SSRF guard loosened (plain
 * http endpoints, or private addresses allowed), which an operator could otherwise carry over
 * from a test configuration by accident. Kept beside the webhook code rather than in
 * {@code config.StartupGuard} so this feature's checks stay in one place.
 */
@ApplicationScoped
public class WebhookStartupGuard {

    private final WebhookConfig config;

    public WebhookStartupGuard(WebhookConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = check(ConfigUtils.getProfiles(), config.httpsOnly(), config.allowPrivateAddresses());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in the production profile: " + String.join("; ", problems));
        }
    }

    /** The reasons not to start; empty when the configuration is acceptable. */
    static List<String> check(List<String> profiles, boolean httpsOnly, boolean allowPrivateAddresses) {
        List<String> problems = new ArrayList<>();
        if (profiles.contains("prod")) {
            if (!httpsOnly) {
                problems.add("webhook endpoints may use plain http (gateway.webhooks.https-only)");
            }
            if (allowPrivateAddresses) {
                problems.add("webhook endpoints may be private addresses (gateway.webhooks.allow-private-addresses)");
            }
        }
        return problems;
    }
}
