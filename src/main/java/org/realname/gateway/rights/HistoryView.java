package org.realname.gateway.rights;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An account's verifications, newest first. */
public record HistoryView(
        @JsonProperty("account_id") String accountId,
        @JsonProperty("erased") boolean erased,
        @JsonProperty("verifications") List<HistoryEntry> verifications) {
}
