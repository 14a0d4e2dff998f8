package org.realname.gateway.auditor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.shared.Roles;

/**
 * The auditor's list reads. Each read and its {@code AUDIT_QUERIED} entry share one
 * transaction, so there is no read without its record. The entry names what was read and how
 * many rows, and the account id when the read was about one account; never the other filter
 * values.
 */
@ApplicationScoped
public class AuditorReads {

    private final EventQuery events;
    private final ResultQuery results;
    private final AuditTrail trail;

    public AuditorReads(EventQuery events, ResultQuery results, AuditTrail trail) {
        this.events = events;
        this.results = results;
        this.trail = trail;
    }

    @Transactional
    public Page<EventRow> events(String auditor, Filters filters, PageRequest page) {
        Page<EventRow> p = events.page(filters, page);
        record(auditor, "events", filters, p.items().size());
        return p;
    }

    @Transactional
    public Page<ResultRow> results(String auditor, Filters filters, PageRequest page) {
        Page<ResultRow> p = results.page(filters, page);
        record(auditor, "results", filters, p.items().size());
        return p;
    }

    /** Reads are recorded after they succeed: audit head last (see AuditTrail's lock order). */
    private void record(String auditor, String what, Filters filters, int rows) {
        trail.record(AuditTrail.actorOf(auditor), Roles.AUDITOR, AuditEventType.AUDIT_QUERIED,
                filters.account() == null ? null : "account", filters.account(), what + ":" + rows);
    }
}
