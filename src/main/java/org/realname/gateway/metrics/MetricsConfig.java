package org.realname.gateway.metrics;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The metrics served at {@code /q/metrics} (docs/operations.md, "Metrics"). */
@ConfigMapping(prefix = "gateway.metrics")
public interface MetricsConfig {

    /**
     * How often the backlog gauges (audit queue, webhook deliveries, key re-wrap) are read from
     * the database, in one short read: a scrape never reaches the database itself.
     */
    @WithDefault("PT15S")
    Duration backlogRefresh();
}
