package org.realname.gateway.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FaultPointsTest {

    private final List<Integer> halts = new ArrayList<>();

    private FaultPoints armed(String haltAt) {
        return new FaultPoints(Optional.of(HaltAt.parse(haltAt)), halts::add);
    }

    @Test
    void unarmed_neverHalts() {
        FaultPoints faults = new FaultPoints(Optional.empty(), halts::add);
        for (FaultPoint p : FaultPoint.values()) {
            faults.reached(p);
        }
        assertTrue(halts.isEmpty());
    }

    @Test
    void armedPoint_haltsOnItsFirstHit_withTheHaltStatus() {
        FaultPoints faults = armed("after-consent");
        faults.reached(FaultPoint.AFTER_CONSENT);
        assertEquals(List.of(FaultPoints.HALT_STATUS), halts);
    }

    @Test
    void armedHit_haltsOnThatHitOnly_andOtherPointsDoNotCount() {
        FaultPoints faults = armed("webhook-delivery:3");
        faults.reached(FaultPoint.WEBHOOK_DELIVERY);
        faults.reached(FaultPoint.AUDIT_SEQUENCING);
        faults.reached(FaultPoint.WEBHOOK_DELIVERY);
        assertTrue(halts.isEmpty(), "two hits of the armed point so far");
        faults.reached(FaultPoint.WEBHOOK_DELIVERY);
        assertEquals(1, halts.size());
        faults.reached(FaultPoint.WEBHOOK_DELIVERY);
        assertEquals(1, halts.size(), "the armed hit comes once");
    }

    @Test
    void everyPoint_isNamedInTheSetting() {
        for (FaultPoint p : FaultPoint.values()) {
            assertEquals(new HaltAt(p, 2), HaltAt.parse(p.wireName() + ":2"));
        }
    }

    @Test
    void unknownPointOrBadHit_failsInsteadOfArmingNothing() {
        assertThrows(IllegalArgumentException.class, () -> HaltAt.parse("after-creat"));
        assertThrows(IllegalArgumentException.class, () -> HaltAt.parse("after-create:0"));
        assertThrows(IllegalArgumentException.class, () -> HaltAt.parse("after-create:x"));
        assertThrows(IllegalArgumentException.class, () -> HaltAt.parse(""));
    }
}
