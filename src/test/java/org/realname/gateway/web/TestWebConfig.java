package org.realname.gateway.web;

import java.time.Duration;

/** A {@link WebConfig} for plain JUnit tests that build web classes without Quarkus. */
record TestWebConfig(long maxBodyBytes, boolean desktopHandoff, boolean demoEnabled, Duration databaseRetryAfter)
        implements WebConfig {

    /** The defaults of {@link WebConfig}. */
    static WebConfig defaults() {
        return withDatabaseRetryAfter(Duration.ofSeconds(5));
    }

    static WebConfig withDatabaseRetryAfter(Duration retryAfter) {
        return new TestWebConfig(16384, false, false, retryAfter);
    }
}
