package org.realname.gateway.rights;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of an erasure. Repeating it answers the same {@code erased_at} with zero counts.
 *
 * @param erasedAt when the account's data key was destroyed
 * @param resultsErased results marked ERASED by this call
 * @param sessionsCanceled unfinished sessions this call canceled
 */
public record ErasureView(
        @JsonProperty("account_id") String accountId,
        @JsonProperty("erased") boolean erased,
        @JsonProperty("erased_at") Instant erasedAt,
        @JsonProperty("results_erased") int resultsErased,
        @JsonProperty("sessions_canceled") int sessionsCanceled) {
}
