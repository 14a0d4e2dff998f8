package org.realname.gateway.session;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a verification session. The only allowed moves are
 * {@code CREATED → CONSENTED → PENDING → PASSED | FAILED}, and from any non-final state to
 * {@code EXPIRED}, {@code CANCELED} or {@code ERROR}. A final state never changes.
 */
public enum VerificationStatus {
    CREATED, CONSENTED, PENDING, PASSED, FAILED, EXPIRED, CANCELED, ERROR;

    private static final Set<VerificationStatus> FINAL = EnumSet.of(PASSED, FAILED, EXPIRED, CANCELED, ERROR);
    private static final Set<VerificationStatus> ABORTS = EnumSet.of(EXPIRED, CANCELED, ERROR);

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** Whether the state machine allows moving from this state to {@code next}. */
    public boolean canMoveTo(VerificationStatus next) {
        if (isFinal()) {
            return false;
        }
        if (ABORTS.contains(next)) {
            return true;
        }
        return switch (this) {
            case CREATED -> next == CONSENTED;
            case CONSENTED -> next == PENDING;
            case PENDING -> next == PASSED || next == FAILED;
            default -> false;
        };
    }
}
