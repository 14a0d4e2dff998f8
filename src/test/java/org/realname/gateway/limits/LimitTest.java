package org.realname.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class LimitTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void configuredLimits_perScope_dayAndMinute() {
        List<Limit> account = Limit.of(TestLimits.defaults(), Scope.ACCOUNT);
        assertEquals(List.of(new Limit(Scope.ACCOUNT, "per account per day", Limit.DAY, 5),
                new Limit(Scope.ACCOUNT, "per account per minute", Limit.MINUTE, 3)), account);
        assertEquals(10, Limit.of(TestLimits.defaults(), Scope.ID_NUMBER).get(0).max());
        assertEquals(5, Limit.of(TestLimits.defaults(), Scope.CLIENT_IP).get(1).max());
    }

    @Test
    void zero_isUnlimited_andLeftOut() {
        List<Limit> account = Limit.of(TestLimits.defaults().withAccount(0, 3), Scope.ACCOUNT);
        assertEquals(1, account.size());
        assertEquals(Limit.MINUTE, account.get(0).window());
        assertTrue(Limit.of(TestLimits.defaults().withAccount(0, 0), Scope.ACCOUNT).isEmpty());
    }

    @Test
    void negativeCap_orEmptyWindow_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Limit(Scope.ACCOUNT, "x", Limit.DAY, -1));
        assertThrows(IllegalArgumentException.class, () -> new Limit(Scope.ACCOUNT, "x", Duration.ZERO, 1));
    }

    @Test
    void reached_atTheCap_notBelow() {
        Limit limit = new Limit(Scope.ACCOUNT, "x", Limit.MINUTE, 3);
        assertFalse(limit.isReached(2));
        assertTrue(limit.isReached(3));
        assertTrue(limit.isReached(4));
    }

    @Test
    void theOldestAttemptFreesTheSlot_orLaterOnesWhenOverTheCap() {
        Limit limit = new Limit(Scope.ACCOUNT, "x", Limit.MINUTE, 3);
        assertEquals(0, limit.freeingOffset(3));
        // The cap was lowered below what is already in the window: two must leave before one fits.
        assertEquals(2, limit.freeingOffset(5));
    }

    @Test
    void retryAfter_isUntilThatAttemptLeavesTheWindow_atLeastASecond() {
        Limit limit = new Limit(Scope.ACCOUNT, "x", Limit.MINUTE, 3);
        assertEquals(Duration.ofSeconds(45), limit.retryAfter(NOW.minusSeconds(15), NOW));
        assertEquals(Duration.ofSeconds(1), limit.retryAfter(NOW.minusSeconds(60).plusMillis(10), NOW));
        assertEquals(NOW.minus(Limit.MINUTE), limit.windowStart(NOW));
    }
}
