package org.realname.gateway.provider.sandbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The built-in simulator of the Alipay-style provider, served under {@code /sandbox/}. */
@ConfigMapping(prefix = "gateway.sandbox")
public interface SandboxConfig {

    /** Whether the sandbox answers at all; when {@code false} every sandbox endpoint answers 404. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The one registered merchant app ({@code app_id}); its public keys, one per sign type, are
     * {@code sandbox-keys/app-RSA2-public-key.pem} and {@code sandbox-keys/app-SM2-public-key.pem}.
     */
    @WithDefault("2021000000000001")
    String appId();

    /** How far a request {@code timestamp} may be from the sandbox clock, either way. */
    @WithDefault("10m")
    Duration timestampSkew();

    /** How long a {@code certify_id} lives; after it {@code query} answers {@code 40004 CERTIFY_ID_EXPIRED}. */
    @WithDefault("24h")
    Duration certifyIdTtl();

    /**
     * What {@code query} answers before the user finished: {@code NOT_FINISH} ({@code 40004
     * CERTIFY_NOT_FINISH}) or {@code PASSED_F} ({@code 10000} with {@code passed=F}). Real
     * integrations report both; which one the real provider sends is not documented.
     */
    @WithDefault("NOT_FINISH")
    UnfinishedQuery unfinishedQuery();

    /** How long {@code query} stalls for the magic slow ID number (see docs/sandbox.md). */
    @WithDefault("15s")
    Duration slowQueryDelay();

    /**
     * A second place for the sandbox's endpoints ({@code /provider}: {@code /provider/gateway.do},
     * {@code /provider/face}), for a gateway whose only job is to stand in for another gateway's
     * provider (docs/sandbox.md, "Standing in for a provider"). Unset: only {@code /sandbox/}.
     */
    Optional<String> providerPath();

    /** The answers {@code query} can give for a verification the user has not finished. */
    enum UnfinishedQuery {
        /** {@code 10000}, {@code passed=F}. */
        PASSED_F,
        /** {@code 40004}, {@code sub_code=CERTIFY_NOT_FINISH}. */
        NOT_FINISH
    }
}
