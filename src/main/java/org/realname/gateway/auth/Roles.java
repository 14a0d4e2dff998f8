package org.realname.gateway.auth;

import java.util.Set;

/** The gateway's roles, as carried in the token's {@code groups} claim. */
public final class Roles {

    public static final String PLATFORM = "platform";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(PLATFORM, AUDITOR, ADMIN);

    private Roles() {
    }
}
