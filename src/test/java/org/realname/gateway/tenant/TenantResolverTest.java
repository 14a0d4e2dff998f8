package org.realname.gateway.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/** The order of resolution (claim, client, default) on real parsed token claims. */
class TenantResolverTest {

    record Config(Optional<String> claim, Map<String, String> clients) implements TenantConfig {
    }

    static JsonWebToken token(Map<String, Object> claims) {
        JwtClaims c = new JwtClaims();
        c.setSubject("someone");
        claims.forEach(c::setClaim);
        return new DefaultJWTCallerPrincipal(c);
    }

    final TenantResolver configured = new TenantResolver(new Config(Optional.of("tenant"),
            Map.of("shop-backend", "shop", "forum-backend", "forum")));

    @Test
    void nothingConfigured_everyoneIsInTheDefaultTenant() {
        TenantResolver none = new TenantResolver(new Config(Optional.empty(), Map.of()));
        assertEquals(Tenant.DEFAULT, none.resolve(token(Map.of("tenant", "shop", "azp", "shop-backend")), false));
    }

    @Test
    void nothingConfigured_auditorsSeeEverything_asBeforeTenants() {
        TenantResolver none = new TenantResolver(new Config(Optional.empty(), Map.of()));
        assertEquals(Tenant.ALL, none.resolve(token(Map.of("azp", "console")), true));
        // Once tenants are configured, an auditor the configuration does not place is in the default tenant only.
        assertEquals(Tenant.DEFAULT, configured.resolve(token(Map.of("azp", "console")), true));
        TenantResolver clientsOnly = new TenantResolver(new Config(Optional.empty(), Map.of("shop-backend", "shop")));
        assertEquals(Tenant.DEFAULT, clientsOnly.resolve(token(Map.of("azp", "console")), true));
    }

    @Test
    void claim_winsOverTheClient() {
        assertEquals("forum", configured.resolve(token(Map.of("tenant", "forum", "azp", "shop-backend")), false));
    }

    @Test
    void withoutTheClaim_theClientMapDecides_azpThenClientId() {
        assertEquals("shop", configured.resolve(token(Map.of("azp", "shop-backend")), false));
        assertEquals("forum", configured.resolve(token(Map.of("client_id", "forum-backend")), false));
        assertEquals(Tenant.DEFAULT, configured.resolve(token(Map.of("azp", "unknown-client")), false));
        assertEquals(Tenant.DEFAULT, configured.resolve(token(Map.of()), false));
    }

    @Test
    void malformedClaim_isForbidden() {
        for (String bad : new String[] {"Shop", "-shop", "", "a".repeat(64), "shop/x", "shop forum"}) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> configured.resolve(token(Map.of("tenant", bad)), false), bad);
            assertEquals(ErrorCode.TENANT_INVALID, e.code());
            assertFalse(e.getMessage().contains(bad) && !bad.isEmpty(), "the refusal does not echo the value");
        }
    }

    @Test
    void star_meansEveryTenant_forAnAuditorOnly() {
        assertEquals(Tenant.ALL, configured.resolve(token(Map.of("tenant", "*")), true));
        assertEquals(ErrorCode.TENANT_INVALID, assertThrows(GatewayException.class,
                () -> configured.resolve(token(Map.of("tenant", "*")), false)).code());
    }

    @Test
    void aClientMappedToAnInvalidTenant_stopsTheStart() {
        assertThrows(IllegalStateException.class,
                () -> new TenantResolver(new Config(Optional.empty(), Map.of("c", "Not Valid"))));
    }

    @Test
    void tenantIds() {
        assertTrue(Tenant.isValid("default") && Tenant.isValid("a") && Tenant.isValid("shop-2") && Tenant.isValid("a".repeat(63)));
        assertFalse(Tenant.isValid(null) || Tenant.isValid("") || Tenant.isValid("A") || Tenant.isValid("*"));
    }
}
