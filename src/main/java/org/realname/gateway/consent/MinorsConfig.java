package org.realname.gateway.consent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Age thresholds for minors. The age is computed from the birth date inside the resident ID number
 * on the calendar date in China Standard Time at the moment of verification.
 */
@ConfigMapping(prefix = "gateway.minors")
public interface MinorsConfig {

    /**
     * Below this age a guardian's consent must be recorded before any provider call: 14 (PIPL art.
     * 31) up to 18 where a notice asks for a guardian's consent for every minor; at most
     * {@link #flagAge()}. Anything else refuses to start.
     */
    @WithDefault("14")
    int guardianAge();

    /** Below this age the result is flagged {@code minor} (age of majority: 18, the most allowed). */
    @WithDefault("18")
    int flagAge();

    /** What happens below the guardian age; see {@link MinorPolicy}. */
    @WithDefault("strict")
    MinorPolicy policy();
}
