package org.realname.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.realname.gateway.session.VerificationStatus.*;

class VerificationStatusTest {

    @Test
    void happyPath_isAllowed() {
        assertTrue(CREATED.canMoveTo(CONSENTED));
        assertTrue(CONSENTED.canMoveTo(PENDING));
        assertTrue(PENDING.canMoveTo(PASSED));
        assertTrue(PENDING.canMoveTo(FAILED));
    }

    @Test
    void everyNonFinalState_canAbort() {
        for (VerificationStatus s : EnumSet.of(CREATED, CONSENTED, PENDING)) {
            for (VerificationStatus abort : EnumSet.of(EXPIRED, CANCELED, ERROR)) {
                assertTrue(s.canMoveTo(abort), s + " -> " + abort);
            }
        }
    }

    @Test
    void finalStates_neverChange() {
        Set<VerificationStatus> finals = EnumSet.of(PASSED, FAILED, EXPIRED, CANCELED, ERROR);
        for (VerificationStatus f : finals) {
            assertTrue(f.isFinal());
            for (VerificationStatus any : VerificationStatus.values()) {
                assertFalse(f.canMoveTo(any), f + " -> " + any);
            }
        }
    }

    @Test
    void skippingSteps_isRefused() {
        assertFalse(CREATED.canMoveTo(PENDING));
        assertFalse(CREATED.canMoveTo(PASSED));
        assertFalse(CONSENTED.canMoveTo(PASSED));
        assertFalse(PENDING.canMoveTo(CONSENTED));
    }

    @Test
    void exactlyTheDesignedMovesExist() {
        int allowed = 0;
        for (VerificationStatus a : values()) {
            for (VerificationStatus b : values()) {
                if (a.canMoveTo(b)) {
                    allowed++;
                }
            }
        }
        // 4 forward moves + 3 non-final states × 3 aborts
        assertEquals(13, allowed);
    }
}
