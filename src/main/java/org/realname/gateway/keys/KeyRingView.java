package org.realname.gateway.keys;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The key ring as the admin API shows it: every version with its status, and the progress of
 * re-wrapping (live data keys per KEK key id; those not yet under the ACTIVE KEK).
 */
public record KeyRingView(
        @JsonProperty("versions") List<Version> versions,
        @JsonProperty("data_keys_by_kek") Map<String, Long> dataKeysByKek,
        @JsonProperty("data_keys_to_rewrap") long dataKeysToRewrap,
        @JsonProperty("shredded_accounts") long shreddedAccounts) {

    public record Version(
            @JsonProperty("kind") KeyKind kind,
            @JsonProperty("version") int version,
            @JsonProperty("key_id") String keyId,
            @JsonProperty("status") KeyStatus status,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("changed_at") Instant changedAt) {

        static Version of(KeyVersion v) {
            return new Version(v.kind(), v.version(), v.keyId(), v.status(), v.createdAt(), v.changedAt());
        }
    }
}
