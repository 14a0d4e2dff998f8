package org.realname.gateway.provider;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/**
 * The provider refused a request or could not be reached. The detail names only the provider's
 * codes (for example {@code 40004/CERTIFY_ID_EXPIRED}), never its messages or any personal data.
 */
public class ProviderException extends GatewayException {

    private final String providerCode;

    public ProviderException(ErrorCode code, String providerCode, String detail) {
        super(code, detail);
        this.providerCode = providerCode;
    }

    public ProviderException(ErrorCode code, String providerCode, String detail, Throwable cause) {
        super(code, detail, cause);
        this.providerCode = providerCode;
    }

    /** The provider's code, safe to store and show ({@code 40004/CERTIFY_ID_EXPIRED}, {@code timeout}). */
    public String providerCode() {
        return providerCode;
    }

    public static ProviderException unavailable(String providerCode, Throwable cause) {
        return new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, providerCode,
                "The verification provider could not be reached (" + providerCode + "); try again later", cause);
    }

    public static ProviderException refused(String providerCode) {
        return new ProviderException(ErrorCode.PROVIDER_ERROR, providerCode,
                "The verification provider refused the request (" + providerCode + ")");
    }
}
