package org.realname.gateway.rights;

import org.realname.gateway.tenant.AccountRef;

import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * Who exercises a right, and for which account: the person themselves (role {@code user}, the
 * token's subject is the account id) or the platform on their behalf.
 *
 * @param account the account whose data this is
 * @param actor the audit actor (token subject, made safe for the trail)
 * @param role the audit role ({@code user}, {@code platform} or {@code admin})
 * @param channel how the request came in, as recorded on withdrawals
 */
public record Requester(String tenant, String account, String actor, String role, Channel channel) {

    /** The account in its tenant. */
    public AccountRef ref() {
        return AccountRef.of(tenant, account);
    }

    static final String ACCOUNT_ID_PATTERN = "[A-Za-z0-9._:@-]{1,64}";

    /** The request's channel; the names are stored. */
    public enum Channel {
        SELF_SERVICE("self-service"), PLATFORM("platform");

        private final String stored;

        Channel(String stored) {
            this.stored = stored;
        }

        public String stored() {
            return stored;
        }
    }

    /** The person, with their own token, in its tenant: what it names must be an account id. */
    public static Requester self(String tenant, String account) {
        if (account == null || !account.matches(ACCOUNT_ID_PATTERN)) {
            throw new GatewayException(ErrorCode.FORBIDDEN, "The account this token names is not an account id");
        }
        return new Requester(tenant, account, account, "user", Channel.SELF_SERVICE);
    }

    /** The platform (or an operator) acting for {@code account}. */
    public static Requester onBehalf(String tenant, String account, String subject, String role) {
        if (account == null || !account.matches(ACCOUNT_ID_PATTERN)) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "account_id must be 1-64 characters of letters, digits and ._:@-");
        }
        return new Requester(tenant, account, AuditTrail.actorOf(subject), role, Channel.PLATFORM);
    }
}
