package org.realname.gateway.rights;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A recorded withdrawal of consent; {@code erased} when it also erased a minor's data. */
public record WithdrawalView(
        @JsonProperty("withdrawal_id") String id,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("withdrawn_at") Instant withdrawnAt,
        @JsonProperty("channel") String channel,
        @JsonProperty("sessions_canceled") int sessionsCanceled,
        @JsonProperty("erased") boolean erased) {

    WithdrawalView withErasure() {
        return new WithdrawalView(id, accountId, withdrawnAt, channel, sessionsCanceled, true);
    }
}
