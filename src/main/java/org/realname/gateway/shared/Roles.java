package org.realname.gateway.shared;

import java.util.Set;

/** The gateway's roles, as carried in the token's {@code realm_access.roles} claim. */
public final class Roles {

    /**
     * Where roles are read, for the development issuer and (by {@code quarkus.oidc.roles.role-claim-path})
     * for Keycloak alike: Keycloak's realm roles. One claim, so a token cannot gain a role through
     * another claim (a group named {@code admin}, say) in one setup and not in the other.
     */
    public static final String CLAIM_PATH = "realm_access/roles";

    public static final String PLATFORM = "platform";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";
    /** An end user acting on their own data: the token names their account (see {@code UserAccounts}). */
    public static final String USER = "user";
    /**
     * The separate permission to see one record unmasked, with a stated reason. Given alongside
     * {@link #AUDITOR}, never implied by it.
     */
    public static final String UNMASK = "auditor-unmask";

    public static final Set<String> ALL = Set.of(PLATFORM, AUDITOR, ADMIN, USER, UNMASK);

    private Roles() {
    }
}
