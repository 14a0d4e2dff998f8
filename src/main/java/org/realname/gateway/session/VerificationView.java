package org.realname.gateway.session;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.realname.gateway.shared.Purpose;

/** A session as the platform sees it: no personal data, the one-time link only at creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationView(
        @JsonProperty("id") String id,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("purpose") Purpose purpose,
        @JsonProperty("status") VerificationStatus status,
        @JsonProperty("redirect_url") String redirectUrl,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("minor") Boolean minor) {

    static VerificationView of(VerificationSession s, String redirectUrl) {
        return of(s, redirectUrl, null);
    }

    /** @param minor the result's minor flag once there is a result (PASSED or FAILED), else null */
    static VerificationView of(VerificationSession s, String redirectUrl, Boolean minor) {
        return new VerificationView(s.id(), s.accountId(), s.purpose(), s.status(), redirectUrl,
                s.createdAt(), s.expiresAt(), s.finishedAt(), s.errorCode(), minor);
    }
}
