package org.realname.gateway.result;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether an account has a verified identity. Name and ID number only masked.
 *
 * @param maxAge the asked maximum age as an ISO-8601 duration ({@code PT10M})
 * @param recent with {@code max_age}: whether the latest passed verification is within it
 * @param minor for a verified account: whether the latest passed verification found a person under
 *        {@code gateway.minors.flag-age} (default 18) at that time
 * @param erased true when the account's personal data was erased (crypto-shredded): the
 *        outcome facts stay, name and ID number are gone (absent otherwise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RealNameView(
        @JsonProperty("account_id") String accountId,
        @JsonProperty("verified") boolean verified,
        @JsonProperty("name") String maskedName,
        @JsonProperty("id_number") String maskedIdNumber,
        @JsonProperty("bound_at") Instant boundAt,
        @JsonProperty("verified_at") Instant verifiedAt,
        @JsonProperty("last_purpose") String lastPurpose,
        @JsonProperty("max_age") String maxAge,
        @JsonProperty("recent") Boolean recent,
        @JsonProperty("erased") Boolean erased,
        @JsonProperty("minor") Boolean minor) {
}
