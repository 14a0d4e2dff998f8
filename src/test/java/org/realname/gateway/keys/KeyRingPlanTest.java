package org.realname.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The start-up rules: never a silent fallback key, refuse to start instead. */
class KeyRingPlanTest {

    @Test
    void freshDatabase_newestSourceVersionBecomesActive_othersPassive() {
        KeyRingPlan plan = KeyRingPlan.of(KeyKind.KEK, Set.of("kek-v1", "kek-v10", "kek-v2"), Map.of());

        assertEquals(Map.of("kek-v10", KeyStatus.ACTIVE, "kek-v1", KeyStatus.PASSIVE, "kek-v2", KeyStatus.PASSIVE), plan.inserts());
        assertTrue(plan.problems().isEmpty(), plan.problems().toString());
    }

    @Test
    void sourceWithoutKeys_refusesToStart() {
        KeyRingPlan plan = KeyRingPlan.of(KeyKind.SIGNING, Set.of(), Map.of());

        assertEquals(1, plan.problems().size(), plan.problems().toString());
        assertTrue(plan.problems().get(0).contains("no SIGNING key"), plan.problems().toString());
    }

    @Test
    void activeKeyMissingFromSource_refusesToStart() {
        KeyRingPlan plan = KeyRingPlan.of(KeyKind.KEK, Set.of("kek-v1"),
                Map.of("kek-v1", KeyStatus.PASSIVE, "kek-v2", KeyStatus.ACTIVE));

        assertTrue(plan.problems().stream().anyMatch(p -> p.contains("kek-v2 is ACTIVE") && p.contains("missing")), plan.problems().toString());
    }

    @Test
    void passiveKeyMissingFromSource_refusesToStart_butDestroyedMayBeGone() {
        assertEquals(1, KeyRingPlan.of(KeyKind.KEK, Set.of("kek-v2"),
                Map.of("kek-v1", KeyStatus.PASSIVE, "kek-v2", KeyStatus.ACTIVE)).problems().size());
        assertTrue(KeyRingPlan.of(KeyKind.KEK, Set.of("kek-v2"),
                Map.of("kek-v1", KeyStatus.DESTROYED, "kek-v2", KeyStatus.ACTIVE)).problems().isEmpty());
    }

    @Test
    void versionGeneratedButNeverSwitched_isRegisteredPassive_notActive() {
        KeyRingPlan plan = KeyRingPlan.of(KeyKind.KEK, Set.of("kek-v1", "kek-v2"), Map.of("kek-v1", KeyStatus.ACTIVE));

        assertEquals(Map.of("kek-v2", KeyStatus.PASSIVE), plan.inserts());
        assertTrue(plan.problems().isEmpty());
    }

    @Test
    void databaseWithoutActiveVersion_refusesToStart() {
        KeyRingPlan plan = KeyRingPlan.of(KeyKind.KEK, Set.of("kek-v1", "kek-v2"), Map.of("kek-v1", KeyStatus.PASSIVE));

        assertTrue(plan.problems().stream().anyMatch(p -> p.contains("no KEK key is ACTIVE")), plan.problems().toString());
    }
}
