package org.realname.gateway.error;

/**
 * A failure the client may be told about. The {@code detail} is shown to clients as is, so it
 * must never carry personal data, provider messages, SQL or key material.
 */
public class GatewayException extends RuntimeException {

    private final ErrorCode code;

    public GatewayException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public GatewayException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
