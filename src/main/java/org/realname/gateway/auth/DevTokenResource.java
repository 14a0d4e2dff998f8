package org.realname.gateway.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.tenant.Tenant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.jwt.build.Jwt;
import org.realname.gateway.shared.Roles;

/**
 * Mints bearer tokens for the embedded default, so the API can be tried without an identity
 * provider. Answers 404 unless the development issuer is enabled, and the production profile
 * refuses to start with it enabled.
 */
@Path("/dev/tokens")
@PermitAll
@Tag(name = "development")
public class DevTokenResource {

    private static final int MAX_SUBJECT_LENGTH = 64;
    /** The claim the development and test profiles read the tenant from ({@code gateway.tenants.claim}). */
    static final String TENANT_CLAIM = "tenant";

    private final DevIssuerConfig config;
    private final DevIssuerKeys keys;
    private final DevIssuerIdentity identity;

    public DevTokenResource(DevIssuerConfig config, DevIssuerKeys keys, DevIssuerIdentity identity) {
        this.config = config;
        this.keys = keys;
        this.identity = identity;
    }

    /**
     * {@code role} for one role, or {@code roles} for several (an auditor who may unmask);
     * optionally {@code tenant}, put into the token as the {@code tenant} claim (see
     * {@code docs/tenants.md}). The gateway, not this issuer, decides whether it is a valid tenant.
     */
    public record TokenRequest(String role, List<String> roles, String subject, String tenant) {

        Set<String> requested() {
            Set<String> all = new LinkedHashSet<>();
            if (role != null) {
                all.add(role);
            }
            if (roles != null) {
                all.addAll(roles);
            }
            return all;
        }
    }

    public record TokenResponse(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mint a development bearer token (embedded default only)")
    public TokenResponse mint(TokenRequest request) {
        if (!config.enabled()) {
            throw new GatewayException(ErrorCode.DEV_ISSUER_DISABLED, "The development token issuer is not enabled");
        }
        Set<String> groups = request == null ? Set.of() : request.requested();
        if (groups.isEmpty() || !Roles.ALL.containsAll(groups)) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "role (or roles) must be one of " + Roles.ALL);
        }
        String subject = request.subject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH
                || !subject.matches("[A-Za-z0-9._:@-]+")) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST,
                    "subject must be 1-" + MAX_SUBJECT_LENGTH + " characters of letters, digits and ._:@-");
        }
        String tenant = request.tenant();
        if (tenant != null && !tenant.matches("[A-Za-z0-9._*-]{1,64}")) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "tenant must be 1-64 characters of letters, digits and ._*-");
        }
        long lifetime = config.tokenLifetime().toSeconds();
        var claims = Jwt.issuer(identity.issuer())
                .subject(subject)
                .audience(DevIssuerIdentity.AUDIENCE)
                // Where Keycloak puts realm roles, so development and production read one claim.
                .claim("realm_access", Map.of("roles", List.copyOf(groups)))
                .expiresIn(lifetime);
        if (tenant == null && groups.contains(Roles.AUDITOR)) {
            // A development auditor sees every tenant unless asked for one, as before tenants.
            tenant = Tenant.ALL;
        }
        if (tenant != null) {
            claims.claim(TENANT_CLAIM, tenant);
        }
        String token = claims
                .jws().keyId("dev-issuer")
                .sign(keys.keyPair().getPrivate());
        return new TokenResponse(token, "Bearer", lifetime);
    }
}
