package org.realname.gateway.tenant;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import io.quarkus.security.identity.SecurityIdentity;

/** The tenant of the request's caller, resolved once per request by {@link TenantResolver}. */
@RequestScoped
public class CurrentTenant {

    private final TenantResolver resolver;
    private final SecurityIdentity identity;
    private String resolved;

    public CurrentTenant(TenantResolver resolver, SecurityIdentity identity) {
        this.resolver = resolver;
        this.identity = identity;
    }

    /**
     * The caller's one tenant. An auditor given every tenant has none: it is refused (403) where
     * one tenant is needed.
     */
    public String id() {
        String t = resolve();
        if (Tenant.ALL.equals(t)) {
            throw new GatewayException(ErrorCode.TENANT_INVALID, "This call needs a token of one tenant");
        }
        return t;
    }

    /** What an auditor may see: one tenant, or empty for every tenant. */
    public Optional<String> auditScope() {
        String t = resolve();
        return Tenant.ALL.equals(t) ? Optional.empty() : Optional.of(t);
    }

    /** The caller's account in its tenant. */
    public AccountRef account(String accountId) {
        return AccountRef.of(id(), accountId);
    }

    private String resolve() {
        if (resolved == null) {
            resolved = resolver.resolve(identity);
        }
        return resolved;
    }
}
