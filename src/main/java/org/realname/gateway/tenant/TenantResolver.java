package org.realname.gateway.tenant;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import io.quarkus.runtime.Startup;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Finds a caller's tenant: the configured claim's value if the token has it; else the tenant
 * mapped to the token's OIDC client ({@code azp}, else {@code client_id}); else
 * {@link Tenant#DEFAULT}. Only an auditor may be given {@link Tenant#ALL}. Stateless and
 * usable for any token (platform, auditor, the person's own).
 */
@ApplicationScoped
@Startup
public class TenantResolver {

    private final Optional<String> claim;
    private final Map<String, String> clients;

    public TenantResolver(TenantConfig config) {
        this.claim = config.claim().filter(c -> !c.isBlank());
        for (Map.Entry<String, String> e : config.clients().entrySet()) {
            if (!Tenant.isValid(e.getValue())) {
                throw new IllegalStateException("gateway.tenants.clients.\"" + e.getKey()
                        + "\" must be a tenant id matching [a-z0-9][a-z0-9-]{0,62}");
            }
        }
        this.clients = Map.copyOf(config.clients());
    }

    /**
     * The caller's tenant, or {@link Tenant#ALL} for an auditor given every tenant.
     *
     * @throws GatewayException 403 {@link ErrorCode#TENANT_INVALID} for a claim value that is not
     *         a tenant id (or {@code *} for a caller without the auditor role)
     */
    public String resolve(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Tenant.DEFAULT;
        }
        return resolve(jwt, identity.hasRole(Roles.AUDITOR));
    }

    /** {@link #resolve(SecurityIdentity)} for a token already at hand. */
    public String resolve(JsonWebToken jwt, boolean auditor) {
        if (auditor && claim.isEmpty() && clients.isEmpty()) {
            // No tenant is configured: one platform, and its auditors see everything as before tenants.
            return Tenant.ALL;
        }
        if (claim.isPresent() && jwt.containsClaim(claim.get())) {
            Object value = jwt.getClaim(claim.get());
            String text = value == null ? null : value.toString();
            if (value instanceof jakarta.json.JsonString s) {
                text = s.getString();
            }
            if (Tenant.ALL.equals(text) && auditor) {
                return Tenant.ALL;
            }
            if (!Tenant.isValid(text)) {
                throw new GatewayException(ErrorCode.TENANT_INVALID, "The token's tenant claim is not a valid tenant id");
            }
            return text;
        }
        String client = stringClaim(jwt, "azp");
        if (client == null) {
            client = stringClaim(jwt, "client_id");
        }
        if (client != null && clients.containsKey(client)) {
            return clients.get(client);
        }
        return Tenant.DEFAULT;
    }

    private static String stringClaim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        if (v instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return v instanceof String s ? s : null;
    }
}
