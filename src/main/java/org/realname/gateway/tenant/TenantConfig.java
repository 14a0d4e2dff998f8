package org.realname.gateway.tenant;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * How a caller's tenant is found (see {@code docs/tenants.md}). With neither property set every
 * caller is in the tenant {@link Tenant#DEFAULT}, as before tenants existed.
 */
@ConfigMapping(prefix = "gateway.tenants")
public interface TenantConfig {

    /**
     * The name of a token claim that carries the tenant id. When set and present in a token, its
     * value is the caller's tenant; a value that is not a tenant id is refused with 403
     * {@code tenant-invalid}. An auditor's token may carry {@code *}: every tenant.
     */
    Optional<String> claim();

    /**
     * OIDC client id (the token's {@code azp} claim, else {@code client_id}) → tenant id, for
     * tokens without the claim: each platform backend's confidential client is one tenant.
     */
    Map<String, String> clients();
}
