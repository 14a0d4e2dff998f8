package org.realname.gateway.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Gauges of work waiting in the database, shared by all instances: the audit queue (depth, and
 * the age of its oldest entry: the sequencing lag), webhook deliveries waiting and dead, and
 * account keys still wrapped under a KEK that is not the ACTIVE one (the re-wrap backlog). Read
 * every {@link MetricsConfig#backlogRefresh()} in one short read transaction; a scrape only
 * reads the last values. {@code -1} until the first read.
 */
@ApplicationScoped
public class BacklogGauges {

    private static final Logger LOG = Logger.getLogger(BacklogGauges.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final AtomicLong auditQueue = new AtomicLong(-1);
    /** Milliseconds, as of the last read: the gauge must not grow while nobody looks. */
    private final AtomicLong auditLagMillis = new AtomicLong();
    private final AtomicLong webhookBacklog = new AtomicLong(-1);
    private final AtomicLong webhookDead = new AtomicLong(-1);
    private final AtomicLong rewrapBacklog = new AtomicLong(-1);

    /**
     * @param config read by the scheduler through its property expression; taken here so the
     *        mapping (and its validation at start) exists
     */
    public BacklogGauges(DataSource dataSource, Clock clock, MeterRegistry registry, MetricsConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        Gauge.builder("gateway.audit.queue.depth", auditQueue, AtomicLong::get)
                .description("Audit entries waiting for their sequence number").register(registry);
        Gauge.builder("gateway.audit.sequencing.lag", auditLagMillis, m -> m.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest audit entry waiting for its sequence number (0 when none)")
                .register(registry);
        Gauge.builder("gateway.webhook.backlog", webhookBacklog, AtomicLong::get)
                .description("Webhook deliveries waiting to be sent or retried").register(registry);
        Gauge.builder("gateway.webhook.dead.letters", webhookDead, AtomicLong::get)
                .description("Webhook deliveries given up (dead letters), until replayed").register(registry);
        Gauge.builder("gateway.keys.rewrap.backlog", rewrapBacklog, AtomicLong::get)
                .description("Account data keys not yet re-wrapped under the ACTIVE KEK").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    @Scheduled(every = "${gateway.metrics.backlog-refresh:PT15S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            QuarkusTransaction.requiringNew().run(this::read);
        } catch (RuntimeException e) {
            // A gauge keeps its last value; the next refresh tries again.
            LOG.debugf("Backlog gauges not refreshed (%s)", e.getClass().getSimpleName());
        }
    }

    private void read() {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*), MIN(occurred_at) FROM audit_event WHERE seq IS NULL");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                auditQueue.set(rs.getLong(1));
                OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                auditLagMillis.set(oldest == null ? 0 : Math.max(0, clock.millis() - oldest.toInstant().toEpochMilli()));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN status = 'DEAD' THEN 1 ELSE 0 END) FROM webhook_delivery WHERE status IN ('PENDING', 'DEAD')");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                webhookBacklog.set(rs.getLong(1));
                webhookDead.set(rs.getLong(2));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM account_key a WHERE a.destroyed_at IS NULL "
                    + "AND NOT EXISTS (SELECT 1 FROM key_version k WHERE k.key_id = a.kek_key_id AND k.status = 'ACTIVE')");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                rewrapBacklog.set(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("backlog gauges", e);
        }
    }
}
