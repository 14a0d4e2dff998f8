package org.realname.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetentionGuardTest {

    @Test
    void defaults_areAccepted() {
        assertTrue(RetentionGuard.check(Duration.ofDays(30), Duration.ofDays(180)).isEmpty());
        assertTrue(RetentionGuard.check(Duration.ofDays(1), Duration.ofDays(365)).isEmpty());
    }

    @Test
    void auditBelow180Days_refusesToStart() {
        List<String> problems = RetentionGuard.check(Duration.ofDays(30), Duration.ofDays(179));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("audit-minimum"), problems.toString());
        assertEquals(1, RetentionGuard.check(Duration.ofDays(30), Duration.ofDays(180).minusSeconds(1)).size());
    }

    @Test
    void troubleshootingShorterThanADay_refusesToStart() {
        assertEquals(1, RetentionGuard.check(Duration.ofHours(23), Duration.ofDays(180)).size());
        assertEquals(1, RetentionGuard.check(Duration.ofDays(-1), Duration.ofDays(180)).size());
    }
}
