package org.realname.gateway.provider.sandbox;

/**
 * Test behaviours chosen by magic ID numbers, like a payment provider's test cards. All are valid
 * resident ID numbers (region 110101, born 1900-01-01), so they pass the gateway's own checks.
 */
public enum SandboxBehaviour {
    /** Ordinary: the face page's button decides. */
    NONE(null),
    /** The capture always fails, whichever button is pressed. */
    ALWAYS_FAIL("110101190001010014"),
    /** {@code query} answers {@code 20000 isp.unknow-error}. */
    UNAVAILABLE("110101190001010022"),
    /** {@code query} answers with a signature that does not verify. */
    BAD_SIGNATURE("110101190001010030"),
    /** {@code query} stalls for {@code gateway.sandbox.slow-query-delay} before answering. */
    SLOW_QUERY("110101190001010049"),
    /** {@code query} answers {@code 40004 CERTIFY_ID_EXPIRED} at once, without waiting for the TTL. */
    EXPIRED("110101190001010057");

    private final String idNumber;

    SandboxBehaviour(String idNumber) {
        this.idNumber = idNumber;
    }

    /** The magic ID number that selects this behaviour ({@code null} for {@link #NONE}). */
    public String idNumber() {
        return idNumber;
    }

    public static SandboxBehaviour of(String certNo) {
        for (SandboxBehaviour b : values()) {
            if (b.idNumber != null && b.idNumber.equalsIgnoreCase(certNo)) {
                return b;
            }
        }
        return NONE;
    }
}
