package org.realname.gateway.auth;

import java.util.Set;

/** The gateway's roles, as carried in the token's {@code groups} claim. */
public final class Roles {

    public static final String PLATFORM = "platform";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";
    /** An end user acting on their own data: the token's subject is their account id. */
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
