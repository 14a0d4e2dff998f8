package org.realname.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.realname.gateway.shared.Roles;

/**
 * Makes quarkus-oidc verify tokens of the local development issuer exactly as it verifies any
 * OIDC token (signature, issuer, expiry, roles), with the issuer's public key instead of a
 * discovery document. When the issuer is disabled it answers {@code null}, so the configured
 * default tenant (Keycloak in production) is used.
 */
@ApplicationScoped
public class DevIssuerTenantResolver implements TenantConfigResolver {

    static final String TENANT_ID = "dev-issuer";

    private final DevIssuerConfig config;
    private final DevIssuerKeys keys;
    private final DevIssuerIdentity identity;
    private volatile OidcTenantConfig tenant;

    public DevIssuerTenantResolver(DevIssuerConfig config, DevIssuerKeys keys, DevIssuerIdentity identity) {
        this.config = config;
        this.keys = keys;
        this.identity = identity;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        if (!config.enabled()) {
            return null;
        }
        OidcTenantConfig t = tenant;
        if (t == null) {
            t = OidcTenantConfig.builder()
                    .tenantId(TENANT_ID)
                    .applicationType(io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType.SERVICE)
                    .publicKey(keys.publicKeyBase64())
                    .token().issuer(identity.issuer()).audience(DevIssuerIdentity.AUDIENCE).end()
                    .roles().roleClaimPath(Roles.CLAIM_PATH).end()
                    .build();
            tenant = t;
        }
        return Uni.createFrom().item(t);
    }
}
