package org.realname.gateway.provider;

/**
 * What the provider says about a started verification: only the verdict and a short,
 * non-personal reason code (for example {@code CERTIFY_ID_EXPIRED}).
 */
public record ProviderOutcome(Verdict verdict, String reason) {

    public enum Verdict {
        /** The live face matched the identity. */
        PASSED,
        /** The capture finished and did not match. */
        FAILED,
        /** The user has not finished yet; ask again later. */
        PENDING,
        /** The provider no longer knows this verification; start again. */
        EXPIRED
    }

    public static ProviderOutcome of(Verdict verdict) {
        return new ProviderOutcome(verdict, null);
    }
}
