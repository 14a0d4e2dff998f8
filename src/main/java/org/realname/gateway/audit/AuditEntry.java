package org.realname.gateway.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * One audit entry as it is chained. Values are identifiers, roles, enum names and times only; a
 * value with characters outside a safe set is refused, which also keeps the canonical form
 * unambiguous and keeps free text (where personal data could slip in) out of the trail.
 */
public record AuditEntry(long seq, Instant occurredAt, String actor, String actorRole, AuditEventType type,
        String recordType, String recordId, String outcome) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/+-]{1,128}");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

    public AuditEntry {
        require(actor, false);
        require(actorRole, false);
        require(recordType, true);
        require(recordId, true);
        require(outcome, true);
        if (type == null || occurredAt == null) {
            throw new IllegalArgumentException("An audit entry needs a type and a time");
        }
        // The canonical form writes the time at milliseconds with a four-digit year of era:
        // anything finer or outside years 1 to 9999 would not be covered by the hash as it is.
        if (occurredAt.getNano() % 1_000_000 != 0 || occurredAt.isBefore(FIRST) || occurredAt.isAfter(LAST)) {
            throw new IllegalArgumentException("An audit time is outside years 1 to 9999 or finer than milliseconds");
        }
    }

    private static void require(String v, boolean optional) {
        if (v == null ? !optional : !SAFE.matcher(v).matches()) {
            throw new IllegalArgumentException("An audit value is missing or has characters outside the safe set");
        }
    }

    /** The bytes hashed into the chain after the previous entry's hash. */
    String canonical() {
        return seq + "\n" + MILLIS.format(occurredAt) + "\n" + actor + "\n" + actorRole + "\n" + type.name() + "\n"
                + nz(recordType) + "\n" + nz(recordId) + "\n" + nz(outcome) + "\n";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
