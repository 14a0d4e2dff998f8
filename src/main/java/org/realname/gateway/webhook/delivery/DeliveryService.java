package org.realname.gateway.webhook.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.util.Instants;
import org.realname.gateway.webhook.WebhookConfig;
import org.realname.gateway.webhook.WebhookOutbox;
import org.realname.gateway.webhook.WebhookService;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.realname.gateway.webhook.DeliveryConfig;

/**
 * What platforms and admins can see and do about deliveries: the platform lists its
 * subscription's deliveries and asks for a test ping; the admin lists dead letters and replays
 * one. Reads are limited and newest first; the attempt log comes with each delivery.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    static final int MAX_LIMIT = 100;
    private static final String COLUMNS = "d.id, d.event_id, e.event_type, d.subscription_id, d.status, d.attempts, d.created_at, "
            + "d.next_attempt_at, d.delivered_at, d.dead_at, d.give_up_at, d.last_http_status, d.last_outcome, d.replays "
            + "FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id ";

    private final EntityManager em;
    private final WebhookService subscriptions;
    private final WebhookOutbox outbox;
    private final DeliveryConfig config;
    private final AuditTrail audit;
    private final Clock clock;

    public DeliveryService(EntityManager em, WebhookService subscriptions, WebhookOutbox outbox, WebhookConfig config,
            AuditTrail audit, Clock clock) {
        this.em = em;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.config = config.delivery();
        this.audit = audit;
        this.clock = clock;
    }

    /** The deliveries of the owner's subscription {@code id}, newest first, optionally of one status. */
    public List<DeliveryView> deliveries(String tenant, String owner, String id, String status, Integer limit) {
        String wanted = status(status);
        int n = limit(limit);
        return QuarkusTransaction.requiringNew().call(() -> {
            subscriptions.get(tenant, owner, id);
            var query = em.createNativeQuery("SELECT " + COLUMNS + "WHERE d.subscription_id = ?1"
                    + (wanted == null ? "" : " AND d.status = ?3") + " ORDER BY d.created_at DESC, d.id DESC LIMIT ?2")
                    .setParameter(1, id).setParameter(2, n);
            if (wanted != null) {
                query.setParameter(3, wanted);
            }
            return withAttempts(views(query.getResultList()));
        });
    }

    /**
     * Queues a {@code ping} event for the owner's subscription {@code id} only.
     *
     * @return the event id
     */
    public String ping(String tenant, String owner, String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            subscriptions.get(tenant, owner, id);
            String eventId = outbox.ping(tenant, owner, id);
            audit.record(AuditTrail.actorOf(owner), Roles.PLATFORM, AuditEventType.WEBHOOK_PINGED, "webhook_subscription", id,
                    null);
            return eventId;
        });
    }

    /** Dead-lettered deliveries of every platform, newest first. */
    public List<DeliveryView> deadLetters(Integer limit) {
        int n = limit(limit);
        return QuarkusTransaction.requiringNew().call(() -> withAttempts(views(em.createNativeQuery("SELECT " + COLUMNS
                + "WHERE d.status = 'DEAD' ORDER BY d.dead_at DESC, d.id DESC LIMIT ?1").setParameter(1, n).getResultList())));
    }

    /**
     * Puts a dead-lettered delivery back in the queue, due now, with a new give-up window. The
     * event (and so its id and body) is the same: receivers that saw it before dedupe it.
     */
    public DeliveryView replay(String actor, String deliveryId) {
        if (deliveryId == null || !deliveryId.matches("[0-9a-f]{32}")) {
            throw new GatewayException(ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND, "no such webhook delivery");
        }
        DeliveryView view = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> status = em.createNativeQuery("SELECT status FROM webhook_delivery WHERE id = ?1 FOR UPDATE")
                    .setParameter(1, deliveryId).getResultList();
            if (status.isEmpty()) {
                throw new GatewayException(ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND, "no such webhook delivery");
            }
            if (!"DEAD".equals(status.get(0))) {
                throw new GatewayException(ErrorCode.WEBHOOK_DELIVERY_STATE,
                        "this delivery is " + status.get(0) + "; only DEAD deliveries are replayed");
            }
            Instant now = now();
            em.createNativeQuery("UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = ?1, give_up_at = ?2, "
                    + "dead_at = NULL, replays = replays + 1, claimed_by = NULL, claimed_until = NULL WHERE id = ?3")
                    .setParameter(1, now).setParameter(2, now.plus(config.giveUpAfter())).setParameter(3, deliveryId)
                    .executeUpdate();
            audit.record(actor, Roles.ADMIN, AuditEventType.WEBHOOK_REPLAYED, "webhook_delivery", deliveryId, null);
            return withAttempts(views(em.createNativeQuery("SELECT " + COLUMNS + "WHERE d.id = ?1").setParameter(1, deliveryId)
                    .getResultList())).get(0);
        });
        LOG.infof("Webhook delivery %s replayed by an admin", deliveryId);
        return view;
    }

    private static String status(String status) {
        if (status == null) {
            return null;
        }
        if (!List.of("PENDING", "DELIVERED", "DEAD").contains(status)) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "status must be PENDING, DELIVERED or DEAD");
        }
        return status;
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return 20;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static List<DeliveryView> views(List<?> rows) {
        List<DeliveryView> views = new ArrayList<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            views.add(new DeliveryView((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    ((Number) r[5]).intValue(), Instants.of(r[6]), Instants.of(r[7]), Instants.of(r[8]), Instants.of(r[9]),
                    Instants.of(r[10]), r[11] == null ? null : ((Number) r[11]).intValue(), (String) r[12],
                    ((Number) r[13]).intValue(), null));
        }
        return views;
    }

    private List<DeliveryView> withAttempts(List<DeliveryView> views) {
        if (views.isEmpty()) {
            return views;
        }
        Map<String, List<DeliveryView.AttemptView>> log = new LinkedHashMap<>();
        views.forEach(v -> log.put(v.id(), new ArrayList<>()));
        List<?> rows = em.createNativeQuery("SELECT delivery_id, attempt, attempted_at, latency_ms, http_status, outcome "
                + "FROM webhook_attempt WHERE delivery_id IN (?1) ORDER BY attempted_at, attempt").setParameter(1, List.copyOf(log.keySet()))
                .getResultList();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            log.get((String) r[0]).add(new DeliveryView.AttemptView(((Number) r[1]).intValue(), Instants.of(r[2]),
                    ((Number) r[3]).intValue(), r[4] == null ? null : ((Number) r[4]).intValue(), (String) r[5]));
        }
        return views.stream().map(v -> v.withAttempts(log.get(v.id()))).toList();
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
