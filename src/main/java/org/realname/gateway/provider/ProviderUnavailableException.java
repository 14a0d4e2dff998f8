package org.realname.gateway.provider;

import java.time.Duration;

import org.realname.gateway.error.ErrorCode;

/**
 * The provider could not be reached or said it is unavailable: a network error, a timeout, an
 * HTTP status other than 200, the provider's own {@code 20000}, or an open circuit breaker.
 *
 * <p>This is the only provider failure that is retried and that counts towards opening the
 * circuit breaker (see {@link ProviderLink}); a refusal ({@link ProviderException#refused}) says
 * the provider is up and must not trip it. Always {@link ErrorCode#PROVIDER_UNAVAILABLE} (503).
 */
public final class ProviderUnavailableException extends ProviderException {

    /**
     * @param providerCode a short, non-personal code ({@code timeout}, {@code http-502}, {@code 20000/isp.unknow-error})
     * @param retryAfter when the client may try again, if known; answered as {@code Retry-After}
     */
    public ProviderUnavailableException(String providerCode, Throwable cause, Duration retryAfter) {
        super(ErrorCode.PROVIDER_UNAVAILABLE, providerCode,
                "The verification provider could not be reached (" + providerCode + "); try again later", cause,
                retryAfter);
    }
}
