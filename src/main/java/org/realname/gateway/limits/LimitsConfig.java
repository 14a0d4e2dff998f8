package org.realname.gateway.limits;

import jakarta.validation.constraints.PositiveOrZero;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Attempt limits against abuse and provider cost. Windows are rolling: "per day" is the last
 * 24 hours, "per minute" the last 60 seconds. {@code 0} switches a limit off.
 */
@ConfigMapping(prefix = "gateway.limits")
public interface LimitsConfig {

    /** Sessions created for one account in a day. */
    @WithDefault("5")
    @PositiveOrZero
    int accountPerDay();

    /** Sessions created for one account in a minute (burst). */
    @WithDefault("3")
    @PositiveOrZero
    int accountPerMinute();

    /** Sessions created for one ID number (by its blind index), over all accounts, in a day. */
    @WithDefault("10")
    @PositiveOrZero
    int idNumberPerDay();

    /** Sessions created for one ID number in a minute (burst). */
    @WithDefault("3")
    @PositiveOrZero
    int idNumberPerMinute();

    /** Consents submitted from one client IP address in a day (each leads to a provider call). */
    @WithDefault("20")
    @PositiveOrZero
    int clientIpPerDay();

    /** Consents submitted from one client IP address in a minute (burst). */
    @WithDefault("5")
    @PositiveOrZero
    int clientIpPerMinute();

    /** How often rows older than the longest window are deleted (a scheduler {@code every} value). */
    @WithDefault("1h")
    String purgeInterval();
}
