package org.realname.gateway.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the client may be told about. The {@code detail} is shown to clients as is, so it
 * must never carry personal data, provider messages, SQL or key material.
 */
public class GatewayException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;

    public GatewayException(ErrorCode code, String detail) {
        this(code, detail, null, null);
    }

    public GatewayException(ErrorCode code, String detail, Throwable cause) {
        this(code, detail, cause, null);
    }

    /**
     * @param retryAfter when the client may try again; answered as {@code Retry-After} (429, 503)
     */
    public GatewayException(ErrorCode code, String detail, Throwable cause, Duration retryAfter) {
        super(detail, cause, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
