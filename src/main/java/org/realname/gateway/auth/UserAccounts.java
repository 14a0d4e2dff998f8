package org.realname.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The account a person's own token speaks for. A platform's account id is rarely the identity
 * provider's user name or subject, so it can come from a claim of its own
 * ({@link UserTokenConfig#accountClaim()}); a token without it reaches no account at all.
 */
@ApplicationScoped
public class UserAccounts {

    private final UserTokenConfig config;

    public UserAccounts(UserTokenConfig config) {
        this.config = config;
    }

    /**
     * @return the account named by the token, not yet checked against the account id rules
     * @throws GatewayException {@code FORBIDDEN} when the configured claim is missing or not text
     */
    public String accountOf(SecurityIdentity caller) {
        if (config.accountClaim().isEmpty()) {
            return caller.getPrincipal().getName();
        }
        String claim = config.accountClaim().get();
        Object value = caller.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(claim) : null;
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof String s) {
            return s;
        }
        // The claim's name is configuration, not the caller's text: safe to say.
        throw new GatewayException(ErrorCode.FORBIDDEN, "This token names no account (claim " + claim + ")");
    }
}
