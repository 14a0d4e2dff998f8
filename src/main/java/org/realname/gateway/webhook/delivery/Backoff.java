package org.realname.gateway.webhook.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try again after the {@code failures}-th failed attempt: the initial delay doubled per
 * earlier failure, capped, then "equal jitter" (a random point in the upper half) so that
 * endpoints coming back are not hit by every instance's retries at the same moment.
 */
public record Backoff(Duration initial, Duration max, DoubleSupplier random) {

    public Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1");
        }
        long initialMs = initial.toMillis();
        long maxMs = max.toMillis();
        long exponential = failures - 1 >= 62 ? Long.MAX_VALUE
                : initialMs > (Long.MAX_VALUE >> (failures - 1)) ? Long.MAX_VALUE : initialMs << (failures - 1);
        long capped = Math.min(maxMs, exponential);
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (capped - half)));
    }
}
