package org.realname.gateway.rights;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.retention.RetentionConfig;

/** The rights as one facade for the two resources (self-service and on the platform's behalf). */
@ApplicationScoped
public class Rights {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final HistoryService history;
    private final ExportService export;
    private final ErasureService erasure;
    private final DisputeService dispute;
    private final WithdrawalService withdrawal;
    private final AccountData data;
    private final RetentionConfig retention;

    public Rights(HistoryService history, ExportService export, ErasureService erasure, DisputeService dispute,
            WithdrawalService withdrawal, AccountData data, RetentionConfig retention) {
        this.data = data;
        this.retention = retention;
        this.history = history;
        this.export = export;
        this.erasure = erasure;
        this.dispute = dispute;
        this.withdrawal = withdrawal;
    }

    public HistoryView history(Requester who, String limit) {
        return history.history(who, parseLimit(limit));
    }

    public ExportView export(Requester who) {
        return export.export(who);
    }

    public ErasureView erase(Requester who) {
        return erasure.erase(who);
    }

    public DisputeView dispute(Requester who, String verificationId) {
        return dispute.dispute(who, verificationId);
    }

    /**
     * Records the withdrawal; for an account with a result flagged {@code minor}, under
     * {@code gateway.retention.minor-results=erase-on-withdrawal}, then erases the account: the
     * purpose of a minor's data has ended. The erasure is its own request (its own transactions
     * and audit entry) after the withdrawal is on record.
     */
    public WithdrawalView withdraw(Requester who) {
        WithdrawalView recorded = withdrawal.withdraw(who);
        if (retention.minorResults() == RetentionConfig.MinorResults.ERASE_ON_WITHDRAWAL && data.hasMinorResult(who.ref())) {
            erasure.erase(who);
            return recorded.withErasure();
        }
        return recorded;
    }

    static int parseLimit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new GatewayException(ErrorCode.INVALID_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
