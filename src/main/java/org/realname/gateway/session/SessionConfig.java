package org.realname.gateway.session;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Verification session settings. */
@ConfigMapping(prefix = "gateway.session")
public interface SessionConfig {

    /** How long a session lives from creation; after that it can no longer be opened or consented. */
    @WithDefault("10m")
    Duration ttl();

    /** How often the sweep expires overdue sessions that never reached the provider. */
    @WithDefault("30s")
    String sweepInterval();

    /**
     * Origins ({@code scheme://host[:port]}) a platform {@code return_url} may point to. The
     * embedded default allows only the gateway's own origin, for the demo.
     */
    List<String> allowedReturnOrigins();

    /** Name of the cookie that binds a one-time link to the browser that opened it. */
    @WithDefault("rngw_binding")
    String bindingCookie();
}
