package org.realname.gateway.session;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/** A move the state machine does not allow; final sessions answer {@code session-final}. */
public final class IllegalTransitionException extends GatewayException {

    public IllegalTransitionException(VerificationStatus from, VerificationStatus to) {
        super(from.isFinal() ? ErrorCode.SESSION_FINAL : ErrorCode.SESSION_STATE,
                from.isFinal() ? "The verification is already " + from
                        : "The verification is " + from + " and cannot become " + to);
    }
}
