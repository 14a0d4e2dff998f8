package org.realname.gateway.provider.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the sandbox under {@code gateway.sandbox.provider-path} too, so that a gateway whose only
 * job is its sandbox can stand in for another gateway's provider: that gateway's production
 * profile refuses an endpoint under {@code /sandbox/}, the path of its own built-in sandbox
 * ({@code config.StartupGuard}), and rightly so. The stand-in is another process and origin, with
 * its own certificate, as a real provider is. Requests are rerouted before anything else runs,
 * so they are handled exactly as at {@code /sandbox/}; with the sandbox off nothing is added.
 */
@ApplicationScoped
class SandboxProviderPath {

    private static final String PATH = "/[a-z0-9-]{1,32}";

    private final SandboxConfig config;

    SandboxProviderPath(SandboxConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        if (!config.enabled() || config.providerPath().isEmpty()) {
            return;
        }
        String prefix = config.providerPath().get();
        if (!prefix.matches(PATH) || prefix.equals("/sandbox")) {
            throw new IllegalStateException("gateway.sandbox.provider-path must be one path segment such as /provider");
        }
        router.route(prefix + "/*").order(Integer.MIN_VALUE).handler(rc -> reroute(rc, prefix));
    }

    private static void reroute(RoutingContext rc, String prefix) {
        String query = rc.request().query();
        rc.reroute("/sandbox" + rc.normalizedPath().substring(prefix.length()) + (query == null ? "" : "?" + query));
    }
}
