package org.realname.gateway.webhook;

import org.realname.gateway.tenant.AccountRef;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.realname.gateway.metrics.GatewayMetrics;
import org.realname.gateway.util.Ids;
import org.realname.gateway.util.Instants;
import org.realname.gateway.webhook.DeliveryConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outbox: what a platform must be told, written by the code that makes the change, in its
 * transaction ({@code MANDATORY}), so an event exists if and only if its change committed. Each
 * event becomes one delivery per subscription of that platform that asked for its type; the
 * delivery worker sends them later. Bodies carry ids, status and flags only.
 *
 * <p>Which platform: a session's events go to the platform that created the session; a
 * dispute's and an erasure's go to every platform that ever created a session for the account.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final EntityManager em;
    private final ObjectMapper json;
    private final DeliveryConfig config;
    private final Clock clock;
    private final GatewayMetrics metrics;

    public WebhookOutbox(EntityManager em, ObjectMapper json, WebhookConfig config, Clock clock, GatewayMetrics metrics) {
        this.em = em;
        this.json = json;
        this.config = config.delivery();
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Reports a session that just reached PASSED, FAILED, EXPIRED or CANCELED; other states
     * (ERROR included) are not webhook events and are ignored. Call after the session row (and
     * for PASSED/FAILED the result row) is written in the current transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sessionEnded(String sessionId) {
        em.flush();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT s.account_id, s.purpose, s.status, s.created_by, r.id, r.verified_at, r.minor, s.tenant_id "
                + "FROM verification_session s LEFT JOIN verification_result r ON r.session_id = s.id WHERE s.id = ?1")
                .setParameter(1, sessionId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] row = rows.get(0);
        // Every end of a session passes here: counted (after the commit) whatever the subscriptions.
        metrics.verificationFinished(String.valueOf(row[1]), String.valueOf(row[2]));
        WebhookEventType type = switch ((String) row[2]) {
            case "PASSED" -> WebhookEventType.VERIFICATION_PASSED;
            case "FAILED" -> WebhookEventType.VERIFICATION_FAILED;
            case "EXPIRED" -> WebhookEventType.VERIFICATION_EXPIRED;
            case "CANCELED" -> WebhookEventType.VERIFICATION_CANCELED;
            default -> null;
        };
        if (type == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("verification_id", sessionId);
        data.put("account_id", row[0]);
        data.put("purpose", row[1]);
        data.put("status", row[2]);
        if (row[4] != null) {
            data.put("result_id", row[4]);
            data.put("verified_at", Instants.of(row[5]).toString());
            data.put("minor", row[6]);
        }
        write((String) row[7], (String) row[3], type, sessionId, (String) row[0], data, null);
    }

    /** Reports a result the person disputed ("not me"). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resultDisputed(String sessionId, String resultId, AccountRef ref) {
        String account = ref.accountId();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("verification_id", sessionId);
        data.put("result_id", resultId);
        data.put("account_id", account);
        data.put("status", "DISPUTED");
        for (String platform : platformsOf(ref)) {
            write(ref.tenant(), platform, WebhookEventType.VERIFICATION_DISPUTED, sessionId, account, data, null);
        }
    }

    /** Reports an erased account: its results are marked ERASED and its personal data is unreadable. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accountErased(AccountRef ref, Instant erasedAt, int resultsErased) {
        String account = ref.accountId();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("account_id", account);
        data.put("erased_at", erasedAt.toString());
        data.put("results_erased", resultsErased);
        for (String platform : platformsOf(ref)) {
            write(ref.tenant(), platform, WebhookEventType.ACCOUNT_ERASED, account, account, data, null);
        }
    }

    /**
     * A test event for one subscription only, whatever event types it lists.
     *
     * @return the event id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String ping(String tenant, String platform, String subscriptionId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscription_id", subscriptionId);
        return write(tenant, platform, WebhookEventType.PING, subscriptionId, null, data, subscriptionId);
    }

    /**
     * A rules version announced before it applies: one event to each platform, in each tenant, with
     * a subscription that asked for {@code consent.rules_upcoming}.
     *
     * @return how many events were written
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int rulesUpcoming(String version, java.time.LocalDate effectiveDate, String digest, String digestAlgorithm) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("effective_date", effectiveDate.toString());
        data.put("digest", digest);
        data.put("digest_algorithm", digestAlgorithm);
        @SuppressWarnings("unchecked")
        List<Object[]> subscriptions = em.createNativeQuery("SELECT tenant_id, owner, event_types FROM webhook_subscription "
                + "ORDER BY tenant_id, owner").getResultList();
        java.util.Set<List<String>> owners = new java.util.LinkedHashSet<>();
        for (Object[] s : subscriptions) {
            if (EventTypes.parse((String) s[2]).contains(WebhookEventType.CONSENT_RULES_UPCOMING.wireName())) {
                owners.add(List.of((String) s[0], (String) s[1]));
            }
        }
        for (List<String> owner : owners) {
            write(owner.get(0), owner.get(1), WebhookEventType.CONSENT_RULES_UPCOMING, version, null, data, null);
        }
        return owners.size();
    }

    @SuppressWarnings("unchecked")
    private List<String> platformsOf(AccountRef account) {
        return em.createNativeQuery("SELECT DISTINCT created_by FROM verification_session WHERE tenant_id = ?1 AND account_id = ?2 "
                + "ORDER BY created_by").setParameter(1, account.tenant()).setParameter(2, account.accountId()).getResultList();
    }

    /** An event of {@code tenant}, delivered only to subscriptions of the same tenant and platform. */
    private String write(String tenant, String platform, WebhookEventType type, String recordId, String account, Map<String, Object> data,
            String onlySubscription) {
        String id = Ids.newId();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> body = new LinkedHashMap<>();
        // First and compact: receivers bind the Realname-Event-Id header to this exact text.
        body.put("event_id", id);
        body.put("type", type.wireName());
        body.put("created_at", now.toString());
        body.put("data", data);
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook body of " + type.wireName() + " cannot be written", e);
        }
        em.createNativeQuery("INSERT INTO webhook_event (id, tenant_id, platform, event_type, record_id, account_id, payload, "
                + "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)").setParameter(1, id).setParameter(2, tenant)
                .setParameter(3, platform).setParameter(4, type.wireName()).setParameter(5, recordId).setParameter(6, account)
                .setParameter(7, payload).setParameter(8, now).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> subscriptions = em.createNativeQuery("SELECT id, event_types FROM webhook_subscription WHERE tenant_id = ?1 "
                + "AND owner = ?2 ORDER BY id").setParameter(1, tenant).setParameter(2, platform).getResultList();
        for (Object[] s : subscriptions) {
            boolean wanted = onlySubscription != null ? onlySubscription.equals(s[0])
                    : EventTypes.parse((String) s[1]).contains(type.wireName());
            if (wanted) {
                em.createNativeQuery("INSERT INTO webhook_delivery (id, event_id, subscription_id, status, attempts, "
                        + "next_attempt_at, give_up_at, created_at, replays) VALUES (?1, ?2, ?3, 'PENDING', 0, ?4, ?5, ?4, 0)")
                        .setParameter(1, Ids.newId()).setParameter(2, id).setParameter(3, s[0]).setParameter(4, now)
                        .setParameter(5, now.plus(config.giveUpAfter())).executeUpdate();
            }
        }
        return id;
    }
}
