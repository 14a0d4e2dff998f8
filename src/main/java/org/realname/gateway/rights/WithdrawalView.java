package org.realname.gateway.rights;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A recorded withdrawal of consent. */
public record WithdrawalView(
        @JsonProperty("withdrawal_id") String id,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("withdrawn_at") Instant withdrawnAt,
        @JsonProperty("channel") String channel,
        @JsonProperty("sessions_canceled") int sessionsCanceled) {
}
