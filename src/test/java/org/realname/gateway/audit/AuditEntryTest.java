package org.realname.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The canonical form covers every field exactly. Both refusals were found by
 * {@link AuditEntryFuzzTest}: two entries differing below the millisecond, or in a year the
 * four-digit layout cannot write, had the same canonical form, so the hash chain would not have
 * noticed a row changed from one to the other.
 */
class AuditEntryTest {

    private static AuditEntry at(Instant t) {
        return new AuditEntry(7, t, "platform-a", "platform", AuditEventType.SESSION_CREATED, "verification_session", "s1", null);
    }

    @Test
    void aTimeFinerThanMilliseconds_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> at(Instant.parse("2026-12-05T10:00:00.000001Z")));
        assertThrows(IllegalArgumentException.class, () -> at(Instant.parse("2026-12-05T10:00:00.123400Z")));
    }

    @Test
    void aTimeOutsideYears1To9999_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> at(Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> at(Instant.parse("0000-12-31T23:59:59.999Z")));
    }

    @Test
    void entriesAMillisecondApart_haveDifferentCanonicalForms_atBothEndsOfTheRange() {
        for (String t : new String[] {"0001-01-01T00:00:00Z", "2026-12-05T10:00:00.123Z", "9999-12-31T23:59:59.998Z"}) {
            Instant i = Instant.parse(t);
            assertNotEquals(at(i).canonical(), at(i.plusMillis(1)).canonical(), t);
            assertEquals(at(i).canonical(), at(Instant.parse(t)).canonical());
        }
    }
}
