package org.realname.gateway.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Refuses (403 {@code tenant-invalid}) every API call whose token carries a tenant claim that is
 * not a tenant id, whatever the endpoint, before it does anything: a caller never acts in a
 * tenant it was not clearly given. Pages resolve the tenant where they use it
 * ({@link CurrentTenant}), with the same refusal.
 */
@ApplicationScoped
public class TenantCheck {

    private final TenantResolver resolver;
    private final CurrentIdentityAssociation identities;

    public TenantCheck(TenantResolver resolver, CurrentIdentityAssociation identities) {
        this.resolver = resolver;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")
                || request.getHeaderString("Authorization") == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(identity -> {
            if (!identity.isAnonymous()) {
                resolver.resolve(identity);
            }
        }).replaceWithVoid();
    }
}
