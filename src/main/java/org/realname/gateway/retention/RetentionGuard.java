package org.realname.gateway.retention;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/** Refuses to start with retention periods that break the rules (fail closed). */
@ApplicationScoped
public class RetentionGuard {

    private final RetentionConfig config;

    public RetentionGuard(RetentionConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = check(config.troubleshooting(), config.auditMinimum());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start, retention: " + String.join("; ", problems));
        }
    }

    /** The reasons not to start; empty when acceptable. */
    public static List<String> check(Duration troubleshooting, Duration auditMinimum) {
        List<String> problems = new ArrayList<>();
        if (auditMinimum.compareTo(RetentionConfig.AUDIT_FLOOR) < 0) {
            problems.add("gateway.retention.audit-minimum is " + auditMinimum + ", below the legal minimum of 180 days");
        }
        if (troubleshooting.isNegative() || troubleshooting.compareTo(Duration.ofDays(1)) < 0) {
            // Shorter would delete the data of sessions still being investigated the same day.
            problems.add("gateway.retention.troubleshooting is " + troubleshooting + ", it must be at least one day");
        }
        return problems;
    }
}
