package org.realname.gateway.keys;

/**
 * What the key ring announces, as a CDI event, inside the transaction that rotated a key or
 * destroyed an account's data key. The ring sits below the audit trail (the trail signs its
 * checkpoints with the ring's keys), so it cannot write audit entries itself; the trail observes
 * these synchronously, so the entry still commits or rolls back with the change.
 *
 * @param recordId the new key id (rotation) or the account id (shredding)
 * @param detail the rotated kind, or the tenant of a shredded account outside {@code default}
 */
public record KeyRingChange(Kind kind, String actor, String actorRole, String recordId, String detail) {

    /** Actor and role of a change the gateway makes on its own (start-up, background jobs). */
    public static final String SYSTEM = "system";

    public enum Kind {
        ROTATED, SHREDDED
    }
}
