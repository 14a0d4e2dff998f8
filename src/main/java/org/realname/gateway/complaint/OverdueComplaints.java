package org.realname.gateway.complaint;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.util.OutageLog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Puts each complaint that passed its due date unanswered on the audit trail once
 * ({@code COMPLAINT_OVERDUE}), in batches of short transactions. Every instance runs it: the
 * conditional update lets exactly one of them report a complaint. Also keeps the gauge
 * {@code gateway.complaints.overdue} (unanswered past due, every tenant) for alerting.
 */
@ApplicationScoped
public class OverdueComplaints {

    private static final Logger LOG = Logger.getLogger(OverdueComplaints.class);
    /** Complaints per transaction. */
    static final int BATCH = 200;

    private final ComplaintStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final AtomicLong overdue = new AtomicLong(-1);
    private final OutageLog outage = new OutageLog(OverdueComplaints.class, "Overdue complaints");

    public OverdueComplaints(ComplaintStore store, AuditTrail audit, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        Gauge.builder("gateway.complaints.overdue", overdue, AtomicLong::get)
                .description("Complaints and requests past their due date unanswered, every tenant (-1 until first counted)")
                .register(registry);
    }

    @Scheduled(every = "${gateway.complaints.overdue-interval:PT15M}", delayed = "${gateway.complaints.overdue-delay:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        outage.run(this::report);
    }

    /** One pass, now; returns how many complaints it reported. */
    public int report() {
        return reportAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
    }

    /** One pass as of {@code now}: what is due by then and unanswered is reported, once. */
    public int reportAt(Instant now) {
        int reported = 0;
        int[] batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> {
                List<String> ids = store.overdueUnreported(now, BATCH);
                int won = 0;
                for (String id : ids) {
                    if (store.markOverdueReported(id, now)) {
                        audit.record(AuditTrail.SYSTEM, AuditTrail.SYSTEM, AuditEventType.COMPLAINT_OVERDUE,
                                ComplaintService.TABLE, id, "overdue");
                        won++;
                    }
                }
                return new int[] {ids.size(), won};
            });
            reported += batch[1];
            // A full batch may have more behind it; one that another instance took is its to finish.
        } while (batch[0] == BATCH && batch[1] > 0);
        overdue.set(QuarkusTransaction.requiringNew().call(() -> store.countOverdue(now)));
        if (reported > 0) {
            LOG.infof("%d complaints passed their due date unanswered (audited as COMPLAINT_OVERDUE)", reported);
        }
        return reported;
    }
}
