package org.realname.gateway.rights;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One verification as its person sees it: masked identity only, and after erasure none at all
 * ({@code erased: true}).
 *
 * @param status the session's status ({@code PASSED}, {@code CANCELED}, ...)
 * @param resultStatus the result's standing: {@code VALID}, {@code DISPUTED} or {@code ERASED}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(
        @JsonProperty("verification_id") String verificationId,
        @JsonProperty("purpose") String purpose,
        @JsonProperty("status") String status,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("verified_at") Instant verifiedAt,
        @JsonProperty("result_status") String resultStatus,
        @JsonProperty("name") String maskedName,
        @JsonProperty("id_number") String maskedIdNumber,
        @JsonProperty("disputed_at") Instant disputedAt,
        @JsonProperty("erased_at") Instant erasedAt,
        @JsonProperty("erased") Boolean erased) {
}
