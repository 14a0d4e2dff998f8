package org.realname.gateway.provider.alipay;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.realname.gateway.provider.ProviderException;
import org.realname.gateway.provider.ProviderOutcome;
import org.realname.gateway.provider.ProviderOutcome.Verdict;

/**
 * Maps a verified {@code alipay.user.certify.open.query} answer to a vendor-neutral outcome.
 *
 * <p>Only code {@code 10000} with {@code passed=T} is a pass. {@code 40004 CERTIFY_ID_EXPIRED} is
 * expired; any other {@code 40004} is pending, because real integrations see sub-codes such as
 * {@code CERTIFY_NOT_FINISH} before the user finishes and the full list is undocumented.
 * {@code 20000} is the provider being unavailable; everything else is a refusal.
 */
public final class QueryOutcomes {

    public static final String BUSINESS_FAILED = "40004";
    public static final String UNAVAILABLE = "20000";
    public static final String CERTIFY_ID_EXPIRED = "CERTIFY_ID_EXPIRED";

    private QueryOutcomes() {
    }

    /**
     * @throws ProviderException unavailable for {@code 20000}, refused for other errors and for a
     *         success without a readable {@code passed}
     */
    public static ProviderOutcome map(AlipayResponse response) {
        if (response.isSuccess()) {
            Boolean passed = parsePassed(response.field("passed").orElse(null))
                    .orElseThrow(() -> ProviderException.refused(response.providerCode() + "/passed-unreadable"));
            return ProviderOutcome.of(passed ? Verdict.PASSED : Verdict.FAILED);
        }
        if (BUSINESS_FAILED.equals(response.code())) {
            if (CERTIFY_ID_EXPIRED.equals(response.subCode())) {
                return new ProviderOutcome(Verdict.EXPIRED, CERTIFY_ID_EXPIRED);
            }
            return new ProviderOutcome(Verdict.PENDING, response.subCode());
        }
        if (UNAVAILABLE.equals(response.code())) {
            throw ProviderException.unavailable(response.providerCode(), null);
        }
        throw ProviderException.refused(response.providerCode());
    }

    /** {@code "T"} / {@code "F"}, or as old SDKs modelled it, {@code ["T"]}; anything else is unreadable. */
    public static Optional<Boolean> parsePassed(JsonNode passed) {
        if (passed == null) {
            return Optional.empty();
        }
        JsonNode value = passed;
        if (passed.isArray()) {
            if (passed.size() != 1) {
                return Optional.empty();
            }
            value = passed.get(0);
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        return switch (value.asText()) {
            case "T" -> Optional.of(Boolean.TRUE);
            case "F" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        };
    }
}
