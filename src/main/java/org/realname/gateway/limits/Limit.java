package org.realname.gateway.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One cap: at most {@code max} attempts of a scope's subject within a rolling {@code window}.
 *
 * @param name how the limit is named to clients ({@code "per account per day"}); never a value
 * @param max the cap; {@code 0} means unlimited
 */
record Limit(Scope scope, String name, Duration window, int max) {

    static final Duration DAY = Duration.ofDays(1);
    static final Duration MINUTE = Duration.ofMinutes(1);

    Limit {
        Objects.requireNonNull(scope);
        Objects.requireNonNull(name);
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (max < 0) {
            throw new IllegalArgumentException("max must be 0 (unlimited) or positive");
        }
    }

    /** The limits configured for {@code scope}, unlimited ones left out. */
    static List<Limit> of(LimitsConfig config, Scope scope) {
        List<Limit> limits = new ArrayList<>(2);
        switch (scope) {
            case ACCOUNT -> {
                add(limits, new Limit(scope, "per account per day", DAY, config.accountPerDay()));
                add(limits, new Limit(scope, "per account per minute", MINUTE, config.accountPerMinute()));
            }
            case ID_NUMBER -> {
                add(limits, new Limit(scope, "per ID number per day", DAY, config.idNumberPerDay()));
                add(limits, new Limit(scope, "per ID number per minute", MINUTE, config.idNumberPerMinute()));
            }
            case CLIENT_IP -> {
                add(limits, new Limit(scope, "per client address per day", DAY, config.clientIpPerDay()));
                add(limits, new Limit(scope, "per client address per minute", MINUTE, config.clientIpPerMinute()));
            }
        }
        return List.copyOf(limits);
    }

    private static void add(List<Limit> limits, Limit limit) {
        if (limit.max() > 0) {
            limits.add(limit);
        }
    }

    /** Attempts after this instant are inside the window at {@code now}. */
    Instant windowStart(Instant now) {
        return now.minus(window);
    }

    /** Whether one more attempt would exceed the cap, given how many are in the window now. */
    boolean isReached(long inWindow) {
        return inWindow >= max;
    }

    /**
     * How many of the oldest attempts in the window must age out before one more fits: the
     * {@code (inWindow - max)}-th oldest (0-based) is the one whose expiry frees a slot.
     */
    long freeingOffset(long inWindow) {
        return inWindow - max;
    }

    /** The wait until the attempt made at {@code freeing} leaves the window; at least one second. */
    Duration retryAfter(Instant freeing, Instant now) {
        Duration wait = Duration.between(now, freeing.plus(window));
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }
}
