package org.realname.gateway.rights;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A disputed result; repeating the dispute answers the same {@code disputed_at}. */
public record DisputeView(
        @JsonProperty("verification_id") String verificationId,
        @JsonProperty("result_id") String resultId,
        @JsonProperty("status") String status,
        @JsonProperty("disputed_at") Instant disputedAt) {
}
