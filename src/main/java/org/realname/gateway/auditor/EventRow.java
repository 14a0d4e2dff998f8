package org.realname.gateway.auditor;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One audit entry as auditors read it. The hashes are included so a listing or export can be
 * checked against the chain offline. Entries hold no personal data (see AuditEntry).
 */
public record EventRow(@JsonProperty("seq") long seq, @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("actor") String actor, @JsonProperty("actor_role") String actorRole,
        @JsonProperty("event_type") String eventType, @JsonProperty("record_type") String recordType,
        @JsonProperty("record_id") String recordId, @JsonProperty("outcome") String outcome,
        @JsonProperty("prev_hash") String prevHash, @JsonProperty("hash") String hash) {

    static final String COLUMNS = "seq, occurred_at, actor, actor_role, event_type, record_type, record_id, outcome, "
            + "prev_hash, hash";

    static final String[] HEADER = { "seq", "occurred_at", "actor", "actor_role", "event_type", "record_type",
            "record_id", "outcome", "prev_hash", "hash" };

    String[] cells() {
        return new String[] { Long.toString(seq), occurredAt.toString(), actor, actorRole, eventType, recordType,
                recordId, outcome, prevHash, hash };
    }
}
