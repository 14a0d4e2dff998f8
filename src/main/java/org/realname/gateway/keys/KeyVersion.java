package org.realname.gateway.keys;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The status of one master-key version in the key ring. Status changes go through
 * {@link #moveTo}, which allows only the transitions of {@link KeyStatus}.
 */
@Entity
@Table(name = "key_version")
public class KeyVersion {

    @Id
    @Column(name = "key_id")
    private String keyId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private KeyKind kind;
    @Column(nullable = false, updatable = false)
    private int version;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private KeyStatus status;
    /** The kind while ACTIVE, else null: unique in the table, so one ACTIVE per kind. */
    @Column(name = "active_kind")
    private String activeKind;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected KeyVersion() {
        // for JPA
    }

    KeyVersion(String keyId, KeyKind kind, KeyStatus status, Instant now) {
        this.keyId = keyId;
        this.kind = kind;
        this.version = kind.purpose().version(keyId);
        this.status = status;
        this.activeKind = status == KeyStatus.ACTIVE ? kind.name() : null;
        this.createdAt = now;
        this.changedAt = now;
    }

    /**
     * @throws IllegalStateException if {@link KeyStatus#canMoveTo} forbids it
     */
    void moveTo(KeyStatus target, Instant now) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("Key " + keyId + " cannot move from " + status + " to " + target);
        }
        this.status = target;
        this.activeKind = target == KeyStatus.ACTIVE ? kind.name() : null;
        this.changedAt = now;
    }

    public String keyId() { return keyId; }
    public KeyKind kind() { return kind; }
    public int version() { return version; }
    public KeyStatus status() { return status; }
    public Instant createdAt() { return createdAt; }
    public Instant changedAt() { return changedAt; }

    @Override
    public String toString() {
        return "KeyVersion[" + keyId + ", " + status + "]";
    }
}
