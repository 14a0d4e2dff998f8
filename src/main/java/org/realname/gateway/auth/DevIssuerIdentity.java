package org.realname.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.config.GatewayConfig;

/** The issuer and audience names the development issuer puts into its tokens. */
@ApplicationScoped
public class DevIssuerIdentity {

    public static final String AUDIENCE = "realname-gateway";

    private final String issuer;

    public DevIssuerIdentity(DevIssuerConfig config, GatewayConfig gateway) {
        this.issuer = config.issuer().orElse(stripSlash(gateway.publicBaseUrl().toString()) + "/dev-issuer");
    }

    public String issuer() {
        return issuer;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
