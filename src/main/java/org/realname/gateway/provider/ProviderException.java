package org.realname.gateway.provider;

import java.time.Duration;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * The provider refused a request or could not be reached. The detail names only the provider's
 * codes (for example {@code 40004/CERTIFY_ID_EXPIRED}), never its messages or any personal data.
 */
public class ProviderException extends GatewayException {

    /** The provider code of an answer whose signature did not verify, or that had none. */
    public static final String BAD_SIGNATURE = "bad-signature";
    /** The provider code of an answer that could not be read as the protocol's (a page, a cut body). */
    public static final String MALFORMED = "malformed-response";

    private final String providerCode;

    public ProviderException(ErrorCode code, String providerCode, String detail) {
        super(code, detail);
        this.providerCode = providerCode;
    }

    public ProviderException(ErrorCode code, String providerCode, String detail, Throwable cause) {
        this(code, providerCode, detail, cause, null);
    }

    /** @param retryAfter when the client may try again, if known; answered as {@code Retry-After} */
    protected ProviderException(ErrorCode code, String providerCode, String detail, Throwable cause,
            Duration retryAfter) {
        super(code, detail, cause, retryAfter);
        this.providerCode = providerCode;
    }

    /** The provider's code, safe to store and show ({@code 40004/CERTIFY_ID_EXPIRED}, {@code timeout}). */
    public String providerCode() {
        return providerCode;
    }

    /** The provider could not be reached; the only kind of failure that is retried or trips the breaker. */
    public static ProviderUnavailableException unavailable(String providerCode, Throwable cause) {
        return new ProviderUnavailableException(providerCode, cause, null);
    }

    /** As {@link #unavailable(String, Throwable)}, telling the client when to try again. */
    public static ProviderUnavailableException unavailable(String providerCode, Throwable cause, Duration retryAfter) {
        return new ProviderUnavailableException(providerCode, cause, retryAfter);
    }

    /**
     * Whether what came back could not be shown to be the provider's answer, so it says nothing
     * about the request: unlike a refusal the provider signed, a repeat may well succeed.
     */
    public boolean isUnverifiedAnswer() {
        return BAD_SIGNATURE.equals(providerCode) || MALFORMED.equals(providerCode);
    }

    public static ProviderException refused(String providerCode) {
        return new ProviderException(ErrorCode.PROVIDER_ERROR, providerCode,
                "The verification provider refused the request (" + providerCode + ")");
    }
}
