package org.realname.gateway.util;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Native query timestamps as {@link Instant}: drivers and dialects answer with different types. */
public final class Instants {

    private Instants() {
    }

    public static Instant of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass().getName());
    }
}
