package org.realname.gateway.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.realname.gateway.keys.KeyRingChange;

/**
 * Writes the key ring's rotations and crypto-shreddings into the trail. A synchronous observer:
 * it runs in the ring's transaction, so a failed entry undoes the change, as when the ring wrote
 * the entry itself.
 */
@ApplicationScoped
class KeyRingAudit {

    private final AuditTrail audit;

    KeyRingAudit(AuditTrail audit) {
        this.audit = audit;
    }

    void onChange(@Observes KeyRingChange change) {
        switch (change.kind()) {
            case ROTATED -> audit.record(change.actor(), change.actorRole(), AuditEventType.KEY_ROTATED, "key_version",
                    change.recordId(), change.detail());
            case SHREDDED -> audit.record(change.actor(), change.actorRole(), AuditEventType.KEY_SHREDDED, "account_key",
                    change.recordId(), change.detail());
        }
    }
}
