package org.realname.gateway.tenant;

import java.util.regex.Pattern;

/**
 * A tenant is a platform: accounts, sessions, results, receipts, idempotency keys, limits,
 * webhooks and rights requests belong to exactly one. Tenant ids are
 * {@code [a-z0-9][a-z0-9-]{0,62}}; a deployment without tenant configuration has only
 * {@link #DEFAULT}.
 */
public final class Tenant {

    /** The tenant of every caller when nothing else is configured, and of all data from before tenants. */
    public static final String DEFAULT = "default";
    /** The claim value that gives an auditor every tenant (never a tenant id, never for other roles). */
    public static final String ALL = "*";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Tenant() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** {@code id} if valid; otherwise an {@link IllegalArgumentException} that does not quote it. */
    public static String require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("A tenant id must match [a-z0-9][a-z0-9-]{0,62}");
        }
        return id;
    }
}
