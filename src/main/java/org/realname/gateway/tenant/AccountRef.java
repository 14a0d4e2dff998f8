package org.realname.gateway.tenant;

import java.util.Objects;

/**
 * An account as the gateway keys it: the same account id in two tenants is two different
 * people. {@link #keyOwner()} is the name its data key is bound to.
 */
public record AccountRef(String tenant, String accountId) {

    public AccountRef {
        Tenant.require(tenant);
        Objects.requireNonNull(accountId, "accountId");
    }

    public static AccountRef of(String tenant, String accountId) {
        return new AccountRef(tenant, accountId);
    }

    /** An account of the default tenant (data from before tenants, single-platform deployments). */
    public static AccountRef ofDefault(String accountId) {
        return new AccountRef(Tenant.DEFAULT, accountId);
    }

    /**
     * The name the account's data key is bound to when wrapped: the account id itself in the
     * default tenant (so data keys made before tenants still unwrap), {@code tenant#account}
     * otherwise ({@code #} occurs in neither a tenant id nor an account id, nor in the synthetic
     * key owners of webhook subscriptions, {@code webhook/<id>}). A wrapped key copied
     * to the same account id of another tenant fails its integrity check.
     */
    public String keyOwner() {
        return Tenant.DEFAULT.equals(tenant) ? accountId : tenant + "#" + accountId;
    }

    @Override
    public String toString() {
        // Account ids are pseudonymous platform ids; still, say only the tenant.
        return "AccountRef[" + tenant + "]";
    }
}
