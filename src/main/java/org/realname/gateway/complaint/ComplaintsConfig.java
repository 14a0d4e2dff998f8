package org.realname.gateway.complaint;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Complaints and requests about a person's data (docs/operations.md "Complaints"). */
@ConfigMapping(prefix = "gateway.complaints")
public interface ComplaintsConfig {

    /**
     * Working days (Monday to Friday in China Standard Time, less {@link #holidays()}, plus
     * {@link #extraWorkingDays()}) to answer in, counted from the day after receipt. 1 to 15: the
     * rules for apps treat a promised time over 15 working days as a violation, so a longer
     * setting refuses to start.
     */
    @WithDefault("15")
    int answerWithinWorkingDays();

    /**
     * Public holidays that fall on a weekday (ISO dates, comma-separated). Empty by default: the
     * operator fills in each year's list when the State Council publishes it.
     */
    Optional<List<LocalDate>> holidays();

    /** Weekend days that are working days (the make-up days around the holidays), ISO dates. */
    Optional<List<LocalDate>> extraWorkingDays();

    /** How often the overdue job looks (every instance; each complaint is reported once). */
    @WithDefault("PT15M")
    Duration overdueInterval();

    /** Delay of the overdue job's first run after start. */
    @WithDefault("PT1M")
    Duration overdueDelay();
}
