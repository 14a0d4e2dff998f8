package org.realname.gateway.audit;

/** The chain rule, for tests outside this package that build dumps (the dump reader's fuzz test). */
public final class ChainLinks {

    private ChainLinks() {
    }

    /** The hash of {@code e} after {@code previous}, as the trail computes it. */
    public static String link(String previous, StoredEntry e) {
        return AuditChain.link(previous, new AuditEntry(e.seq(), e.occurredAt(), e.actor(), e.actorRole(),
                AuditEventType.valueOf(e.eventType()), e.recordType(), e.recordId(), e.outcome()));
    }
}
