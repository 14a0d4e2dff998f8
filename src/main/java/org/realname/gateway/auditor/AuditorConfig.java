package org.realname.gateway.auditor;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The auditor's API, exports and console. */
@ConfigMapping(prefix = "gateway.auditor")
public interface AuditorConfig {

    /** Page size when the request gives no {@code limit}. */
    @WithDefault("50")
    int defaultPageSize();

    /** The largest {@code limit} a list call accepts; larger ones are refused (400 invalid-filter). */
    @WithDefault("500")
    int maxPageSize();

    /**
     * Rows fetched from the database at a time during an export. Exports stream: on PostgreSQL
     * this is a server-side cursor (the export runs in a transaction, so autocommit is off).
     */
    @WithDefault("1000")
    int exportFetchSize();

    /** The longest an export may take before its read transaction is ended. */
    @WithDefault("30m")
    Duration exportTimeout();

    /**
     * Whether the console accepts a pasted bearer token (kept in its HttpOnly cookie). On by
     * default: it is the embedded default's way in, and works with any OIDC provider's tokens.
     * Off when the console signs in with the OIDC code flow instead (see docs/operations.md).
     */
    @WithDefault("true")
    boolean consoleTokenSignIn();
}
