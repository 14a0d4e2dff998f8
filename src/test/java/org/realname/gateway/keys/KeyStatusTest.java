package org.realname.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KeyStatusTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void allowedTransitions_areExactlyTheLifecycle() {
        for (KeyStatus from : KeyStatus.values()) {
            Set<KeyStatus> allowed = EnumSet.noneOf(KeyStatus.class);
            for (KeyStatus to : KeyStatus.values()) {
                if (from.canMoveTo(to)) {
                    allowed.add(to);
                }
            }
            Set<KeyStatus> expected = switch (from) {
                case ACTIVE -> EnumSet.of(KeyStatus.PASSIVE);
                case PASSIVE -> EnumSet.of(KeyStatus.ACTIVE, KeyStatus.DISABLED);
                case DISABLED -> EnumSet.of(KeyStatus.PASSIVE, KeyStatus.DESTROYED);
                case DESTROYED -> EnumSet.noneOf(KeyStatus.class);
            };
            assertEquals(expected, allowed, from.name());
        }
    }

    @Test
    void activeCannotBeDisabledOrDestroyedDirectly() {
        KeyVersion v = new KeyVersion("kek-v1", KeyKind.KEK, KeyStatus.ACTIVE, NOW);
        assertThrows(IllegalStateException.class, () -> v.moveTo(KeyStatus.DISABLED, NOW));
        assertThrows(IllegalStateException.class, () -> v.moveTo(KeyStatus.DESTROYED, NOW));
        assertEquals(KeyStatus.ACTIVE, v.status());
    }

    @Test
    void rotationPath_activeToPassiveToDisabledToDestroyed_isFinal() {
        KeyVersion v = new KeyVersion("kek-v1", KeyKind.KEK, KeyStatus.ACTIVE, NOW);
        v.moveTo(KeyStatus.PASSIVE, NOW.plusSeconds(1));
        v.moveTo(KeyStatus.DISABLED, NOW.plusSeconds(2));
        v.moveTo(KeyStatus.DESTROYED, NOW.plusSeconds(3));

        assertEquals(KeyStatus.DESTROYED, v.status());
        assertEquals(NOW.plusSeconds(3), v.changedAt());
        assertEquals(NOW, v.createdAt());
        assertThrows(IllegalStateException.class, () -> v.moveTo(KeyStatus.PASSIVE, NOW));
    }

    @Test
    void onlyActiveAndPassiveVerify() {
        assertTrue(KeyStatus.ACTIVE.verifies());
        assertTrue(KeyStatus.PASSIVE.verifies());
        assertFalse(KeyStatus.DISABLED.verifies());
        assertFalse(KeyStatus.DESTROYED.verifies());
    }

    @Test
    void versionIsTakenFromTheKeyId() {
        assertEquals(7, new KeyVersion("sign-v7", KeyKind.SIGNING, KeyStatus.PASSIVE, NOW).version());
        assertThrows(IllegalArgumentException.class, () -> new KeyVersion("sign-v7", KeyKind.KEK, KeyStatus.PASSIVE, NOW));
    }
}
