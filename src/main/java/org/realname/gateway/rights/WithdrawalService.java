package org.realname.gateway.rights;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.util.Ids;

/**
 * Withdrawal of consent: recorded, the account's unfinished sessions canceled (no provider call
 * happens for them any more), audited {@code CONSENT_WITHDRAWN}. Past results stay as they are:
 * withdrawal does not undo processing done while consent was in force; erasure removes them.
 * A later verification asks for consent afresh on its consent page.
 */
@ApplicationScoped
public class WithdrawalService {

    static final String REASON = "consent-withdrawn";
    static final String TABLE = "consent_withdrawal";

    private final AccountData data;
    private final OpenSessions openSessions;
    private final AuditTrail audit;
    private final Clock clock;

    public WithdrawalService(AccountData data, OpenSessions openSessions, AuditTrail audit, Clock clock) {
        this.data = data;
        this.openSessions = openSessions;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public WithdrawalView withdraw(Requester who) {
        if (!data.known(who.ref())) {
            throw new GatewayException(ErrorCode.ACCOUNT_NOT_FOUND, "The gateway holds nothing about this account");
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        int canceled = openSessions.cancelAll(who, REASON, now);
        String id = Ids.newId();
        data.insertWithdrawal(id, who.ref(), now, who.actor(), who.channel().stored(), canceled);
        audit.record(who.actor(), who.role(), AuditEventType.CONSENT_WITHDRAWN, TABLE, id, "sessions-canceled-" + canceled);
        return new WithdrawalView(id, who.account(), now, who.channel().stored(), canceled, false);
    }
}
