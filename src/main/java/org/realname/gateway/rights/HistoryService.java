package org.realname.gateway.rights;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.result.VerificationResult;
import org.realname.gateway.session.VerificationSession;

/** The right of access: an account's verifications, masked, each read audited. */
@ApplicationScoped
public class HistoryService {

    static final String ACCOUNT = "account";

    private final AccountData data;
    private final Identities identities;
    private final AuditTrail audit;

    public HistoryService(AccountData data, Identities identities, AuditTrail audit) {
        this.data = data;
        this.identities = identities;
        this.audit = audit;
    }

    @Transactional
    public HistoryView history(Requester who, int limit) {
        boolean erased = identities.erased(who.ref());
        Map<String, VerificationResult> results = data.results(who.ref()).stream()
                .collect(Collectors.toMap(VerificationResult::sessionId, Function.identity()));
        List<HistoryEntry> entries = new ArrayList<>();
        for (VerificationSession s : data.sessions(who.ref())) {
            if (entries.size() == limit) {
                break;
            }
            entries.add(entry(s, results.get(s.id()), erased));
        }
        audit.record(who.actor(), who.role(), AuditEventType.HISTORY_READ, ACCOUNT, who.account(),
                "entries-" + entries.size());
        return new HistoryView(who.account(), erased, entries);
    }

    private HistoryEntry entry(VerificationSession s, VerificationResult r, boolean erased) {
        if (r == null) {
            return new HistoryEntry(s.id(), s.purpose().name(), s.status().name(), s.createdAt(), s.finishedAt(),
                    null, null, null, null, null, null, null, erased ? Boolean.TRUE : null);
        }
        Identities.Masked masked = identities.of(r, erased);
        boolean gone = erased || r.erasedAt() != null;
        return new HistoryEntry(s.id(), s.purpose().name(), s.status().name(), s.createdAt(), s.finishedAt(),
                r.outcome().name(), r.verifiedAt(), r.status().name(), masked.name(), masked.idNumber(),
                r.disputedAt(), r.erasedAt(), gone ? Boolean.TRUE : null);
    }
}
