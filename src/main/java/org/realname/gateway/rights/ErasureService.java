package org.realname.gateway.rights;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.webhook.WebhookOutbox;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The right to erasure, by crypto-shredding. In three steps, each safe to repeat, so a failure
 * half-way is completed by asking again:
 * <ol>
 *   <li>cancel the account's unfinished sessions (they must not end in ERROR later because
 *       their key is gone);</li>
 *   <li>destroy the account's data key ({@link KeyRingService#shred}, its own transaction):
 *       every ciphertext of the account becomes unreadable at once, and no new data is ever
 *       sealed for it;</li>
 *   <li>mark the results ERASED, unlink them from the ID number (blind index and receipt
 *       signature cleared), clear the session copies, delete the account's security-log rows
 *       (troubleshooting data is deleted on request too), cancel whatever was opened meanwhile,
 *       and audit {@code ERASURE} (ids and counts only).</li>
 * </ol>
 */
@ApplicationScoped
public class ErasureService {

    static final String REASON = "erasure";

    private final AccountData data;
    private final OpenSessions openSessions;
    private final KeyRingService keyRing;
    private final WebhookOutbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public ErasureService(AccountData data, OpenSessions openSessions, KeyRingService keyRing, WebhookOutbox outbox,
            AuditTrail audit, Clock clock) {
        this.data = data;
        this.outbox = outbox;
        this.openSessions = openSessions;
        this.keyRing = keyRing;
        this.audit = audit;
        this.clock = clock;
    }

    public ErasureView erase(Requester who) {
        int canceledBefore = QuarkusTransaction.requiringNew().call(() -> {
            if (!data.known(who.ref())) {
                // Nothing held: no tombstone is made for an account the gateway never saw.
                throw new GatewayException(ErrorCode.ACCOUNT_NOT_FOUND, "The gateway holds nothing about this account");
            }
            return openSessions.cancelAll(who, REASON, now());
        });
        Instant erasedAt = keyRing.shred(who.ref(), who.actor(), who.role());
        return QuarkusTransaction.requiringNew().call(() -> {
            // Sessions opened between the first step and the shred can no longer proceed: close them too.
            int canceled = canceledBefore + openSessions.cancelAll(who, REASON, now());
            int results = data.markErased(who.ref(), erasedAt);
            data.clearSessionIdentity(who.ref());
            data.deleteTroubleshooting(who.ref());
            if (!data.erasureAnnounced(who.ref())) {
                outbox.accountErased(who.ref(), erasedAt, results);
            }
            audit.record(who.actor(), who.role(), AuditEventType.ERASURE, HistoryService.ACCOUNT, who.account(),
                    "results-" + results + "/sessions-canceled-" + canceled);
            return new ErasureView(who.account(), true, erasedAt, results, canceled);
        });
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
