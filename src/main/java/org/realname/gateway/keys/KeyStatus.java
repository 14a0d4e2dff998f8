package org.realname.gateway.keys;

import java.util.Set;

/**
 * The life of a key version, as in Keycloak's key providers and Tink's key sets. Rotation never
 * overwrites a key: it adds a version and moves the statuses.
 *
 * <pre>
 *   ACTIVE ──rotate──▶ PASSIVE ──(no data left under it)──▶ DISABLED ──destroy──▶ DESTROYED
 *                        ▲                                      │
 *                        └────────────── enable ────────────────┘
 * </pre>
 * Exactly one version per {@link KeyKind} is {@code ACTIVE} (the database enforces it).
 */
public enum KeyStatus {

    /** Encrypts (wraps) and signs new data; also decrypts and verifies. */
    ACTIVE,
    /** No new data; still unwraps data keys and verifies signatures, found by key id. */
    PASSIVE,
    /** Nothing depends on it any more (no data key wrapped under it); kept until destroyed. */
    DISABLED,
    /** The key material is gone for good. Final. */
    DESTROYED;

    /** Whether a key in this status may move to {@code target}. */
    public boolean canMoveTo(KeyStatus target) {
        return allowedTargets().contains(target);
    }

    private Set<KeyStatus> allowedTargets() {
        return switch (this) {
            // An ACTIVE key leaves only by rotation: another version must become ACTIVE at once.
            case ACTIVE -> Set.of(PASSIVE);
            case PASSIVE -> Set.of(ACTIVE, DISABLED);
            case DISABLED -> Set.of(PASSIVE, DESTROYED);
            case DESTROYED -> Set.of();
        };
    }

    /** Whether a signature made by a key in this status is still accepted. */
    public boolean verifies() {
        return this == ACTIVE || this == PASSIVE;
    }
}
