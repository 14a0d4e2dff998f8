package org.realname.gateway.webhook.api;

/** A refused delivery; {@link #reason()} says why. The message never contains secrets or the body. */
public final class WebhookVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public WebhookVerificationException(RejectionReason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
