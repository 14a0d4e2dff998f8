package org.realname.gateway.auth;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How a person's own token (role {@code user}) names their account. */
@ConfigMapping(prefix = "gateway.auth.user-token")
public interface UserTokenConfig {

    /**
     * The claim holding the platform's account id, for example {@code account_id} filled by a
     * Keycloak user-attribute mapper. Unset: the token's principal name (quarkus-oidc takes it
     * from {@code upn}, {@code preferred_username} or {@code sub}), as the development issuer's
     * tokens have it.
     */
    Optional<String> accountClaim();
}
