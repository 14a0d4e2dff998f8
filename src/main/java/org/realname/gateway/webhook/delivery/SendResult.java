package org.realname.gateway.webhook.delivery;

/**
 * What one attempt came to. {@code httpStatus} is null when no answer came; {@code outcome} is a
 * fixed word ({@code delivered}, {@code http-error}, {@code timeout}, {@code connect-failed},
 * {@code tls-failed}, {@code address-refused}, {@code failed}), never an exception message, so
 * it can be shown to the platform and kept.
 */
public record SendResult(Integer httpStatus, String outcome, int latencyMs) {

    public boolean delivered() {
        return "delivered".equals(outcome);
    }
}
