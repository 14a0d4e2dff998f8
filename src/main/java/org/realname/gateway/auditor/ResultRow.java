package org.realname.gateway.auditor;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One verification result as auditors read it: everything but the identity in plain, the name
 * and ID number masked (or {@value MaskedIdentity#ERASED} / {@value MaskedIdentity#UNREADABLE}).
 */
public record ResultRow(@JsonProperty("id") String id, @JsonProperty("account_id") String accountId,
        @JsonProperty("purpose") String purpose, @JsonProperty("outcome") String outcome,
        @JsonProperty("provider") String provider, @JsonProperty("verified_at") Instant verifiedAt,
        @JsonProperty("status") String status, @JsonProperty("disputed_at") Instant disputedAt,
        @JsonProperty("erased_at") Instant erasedAt, @JsonProperty("signing_key_id") String signingKeyId,
        @JsonProperty("minor") boolean minor, @JsonProperty("name_masked") String nameMasked, @JsonProperty("id_number_masked") String idNumberMasked) {

    static final String[] HEADER = { "id", "account_id", "purpose", "outcome", "provider", "verified_at", "status",
            "disputed_at", "erased_at", "signing_key_id", "minor", "name_masked", "id_number_masked" };

    String[] cells() {
        return new String[] { id, accountId, purpose, outcome, provider, str(verifiedAt), status, str(disputedAt),
                str(erasedAt), signingKeyId, String.valueOf(minor), nameMasked, idNumberMasked };
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
