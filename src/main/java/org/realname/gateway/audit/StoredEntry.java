package org.realname.gateway.audit;

import java.time.Instant;

/**
 * One audit entry as read back from the database or from a dump, before any check. Fields are
 * the stored column values as they are: {@code occurredAt} is {@code null} when a dump's time
 * could not be read (the check then reports the entry as malformed).
 */
public record StoredEntry(long seq, Instant occurredAt, String actor, String actorRole, String eventType,
        String recordType, String recordId, String outcome, String prevHash, String hash) {
}
