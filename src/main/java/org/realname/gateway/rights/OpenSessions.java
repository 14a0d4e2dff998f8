package org.realname.gateway.rights;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.session.VerificationService;
import org.realname.gateway.webhook.WebhookOutbox;

/**
 * Cancels an account's unfinished sessions before erasure or after a withdrawal of consent. A
 * canceled session is final: a browser coming back from the provider, or the reconciler, finds
 * it final and writes nothing, so it can never end in ERROR later because its key is gone.
 */
@ApplicationScoped
public class OpenSessions {

    private final AccountData data;
    private final WebhookOutbox outbox;
    private final AuditTrail audit;

    public OpenSessions(AccountData data, WebhookOutbox outbox, AuditTrail audit) {
        this.data = data;
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * Locks the session rows first and writes the audit entries last (the trail's lock order).
     *
     * @return how many sessions this call canceled
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancelAll(Requester who, String reason, Instant now) {
        List<String> open = data.lockOpenSessions(who.ref());
        int canceled = 0;
        for (String id : open) {
            if (data.cancel(id, reason, now)) {
                canceled++;
                outbox.sessionEnded(id);
                audit.record(who.actor(), who.role(), AuditEventType.SESSION_CANCELED, VerificationService.TABLE, id, reason);
            }
        }
        return canceled;
    }
}
