package org.realname.gateway.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.realname.gateway.shared.Purpose;

/**
 * Body of {@code POST /api/v1/verifications}. {@code name} and {@code id_number} are sent for
 * {@code SIGNUP} only; {@code REVERIFY} uses the identity already bound to the account.
 * Unknown fields are refused, so a typo cannot silently drop data.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CreateVerificationRequest(
        @JsonProperty("account_id") String accountId,
        @JsonProperty("purpose") String purpose,
        @JsonProperty("return_url") String returnUrl,
        @JsonProperty("name") String name,
        @JsonProperty("id_number") String idNumber) {

    @Override
    public String toString() {
        // Never print the name or ID number, even by accident; an account id or purpose that is
        // not one (found by fuzzing: any text, a name included, "ZHANGSAN" too) is not printed either.
        String account = accountId != null && accountId.matches(VerificationService.ACCOUNT_ID_PATTERN) ? accountId : "(invalid)";
        String shownPurpose = Purpose.isName(purpose) ? purpose : "(invalid)";
        return "CreateVerificationRequest[" + account + ", " + shownPurpose + "]";
    }
}
