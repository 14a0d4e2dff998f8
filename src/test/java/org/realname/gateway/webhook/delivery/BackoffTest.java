package org.realname.gateway.webhook.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

/** Retry delays: doubling, capped, jittered within the upper half, never overflowing. */
class BackoffTest {

    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofHours(6);

    @Test
    void withoutJitter_theDelayDoublesUpToTheCap() {
        Backoff top = new Backoff(INITIAL, MAX, () -> 1.0);
        assertEquals(Duration.ofSeconds(10), top.after(1));
        assertEquals(Duration.ofSeconds(20), top.after(2));
        assertEquals(Duration.ofSeconds(40), top.after(3));
        assertEquals(Duration.ofSeconds(10 * 1024), top.after(11));
        assertEquals(Duration.ofSeconds(10 * 2048), top.after(12), "5 h 41 min, still under the cap");
        assertEquals(MAX, top.after(13), "10 s * 2^12 is past 6 h");
        assertEquals(MAX, top.after(500), "no overflow for absurd counts");
        Backoff bottom = new Backoff(INITIAL, MAX, () -> 0.0);
        assertEquals(Duration.ofSeconds(5), bottom.after(1));
        assertEquals(Duration.ofHours(3), bottom.after(40));
    }

    @Test
    void jitter_staysInTheUpperHalf_andSpreadsOut() {
        Backoff b = new Backoff(INITIAL, MAX, () -> ThreadLocalRandom.current().nextDouble());
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = b.after(4).toMillis();
            assertTrue(ms >= 40_000 && ms <= 80_000, "attempt 4 waits 40..80 s: " + ms);
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertTrue(max - min > 20_000, "retries of many deliveries do not line up: " + min + ".." + max);
    }

    @Test
    void overThreeDays_aDeliveryIsTriedAboutTwentyTimes_withTheDefaults() {
        Backoff b = new Backoff(INITIAL, MAX, () -> 1.0);
        Duration total = Duration.ZERO;
        int attempts = 1;
        while (total.plus(b.after(attempts)).compareTo(Duration.ofDays(3)) <= 0) {
            total = total.plus(b.after(attempts));
            attempts++;
        }
        // The doublings take the first ~11.4 h (the last wait is 5 h 41 min); the rest of the 72 h
        // is 6-hourly: 12 + 10 waits, so 23 attempts in all.
        assertEquals(23, attempts);
    }

    @Test
    void zeroFailures_isAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(INITIAL, MAX, () -> 0.5).after(0));
    }
}
