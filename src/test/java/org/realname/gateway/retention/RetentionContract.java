package org.realname.gateway.retention;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;
import org.realname.gateway.util.Ids;

import io.restassured.response.Response;

/**
 * The retention purge removes exactly what is due: rows just inside the period stay, rows just
 * past it go; results and the audit trail are never touched. And the security log is written
 * for the session pages. Run on H2 and on PostgreSQL by its subclasses.
 */
public abstract class RetentionContract {

    private static final Duration PERIOD = Duration.ofDays(30);

    @Inject
    DataSource dataSource;
    @Inject
    RetentionPurge purge;

    String platform;

    @BeforeEach
    void token() {
        platform = Api.token("platform");
    }

    private void endedAt(String sessionId, Instant at) {
        assertEquals(1, Db.exec(dataSource, "UPDATE verification_session SET finished_at = ?, updated_at = ? WHERE id = ?",
                Timestamp.from(at), Timestamp.from(at), sessionId));
    }

    private String passed() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "钱保留", TestIds.random()));
        Api.completeFlow(c.redirectUrl(), "pass");
        return c.id();
    }

    /** Consented, at the provider, then canceled by the platform: ended without a result, with a consent record. */
    private String canceledAfterConsent() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "钱取消", TestIds.random()));
        Api.consent(Api.open(c.redirectUrl()));
        given().auth().oauth2(platform).post("/api/v1/verifications/" + c.id() + "/cancel").then().statusCode(200);
        return c.id();
    }

    private String expired() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "钱过期", TestIds.random()));
        Db.makeOverdue(dataSource, c.id());
        assertEquals("EXPIRED", Api.status(platform, c.id()));
        return c.id();
    }

    private String securityEvent(Instant at) {
        String id = Ids.newId();
        Db.exec(dataSource, "INSERT INTO security_event (id, occurred_at, session_id, kind, http_status, client_ip, user_agent) "
                + "VALUES (?, ?, NULL, 'CONSENT_PAGE', 200, '192.0.2.1', 'probe')", id, Timestamp.from(at));
        return id;
    }

    private String webhookDelivery(Instant at) {
        String event = Ids.newId();
        String delivery = Ids.newId();
        Db.exec(dataSource, "INSERT INTO webhook_event (id, platform, event_type, record_id, account_id, payload, created_at) "
                + "VALUES (?, 'platform-retention', 'ping', ?, NULL, '{}', ?)", event, delivery, Timestamp.from(at));
        Db.exec(dataSource, "INSERT INTO webhook_delivery (id, event_id, subscription_id, status, attempts, give_up_at, "
                + "created_at, replays) VALUES (?, ?, ?, 'DELIVERED', 2, ?, ?, 0)", delivery, event, Ids.newId(),
                Timestamp.from(at), Timestamp.from(at));
        return delivery;
    }

    private String webhookAttempt(String delivery, int attempt, Instant at) {
        String id = Ids.newId();
        Db.exec(dataSource, "INSERT INTO webhook_attempt (id, delivery_id, attempt, attempted_at, latency_ms, http_status, outcome) "
                + "VALUES (?, ?, ?, ?, 12, 204, 'delivered')", id, delivery, attempt, Timestamp.from(at));
        return id;
    }

    private long count(String sql, Object... args) {
        return Db.count(dataSource, sql, args);
    }

    @Test
    void purge_removesOnlyWhatIsDue_neverResultsNorAudit() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant inside = now.minus(PERIOD).plus(Duration.ofMinutes(1));
        Instant past = now.minus(PERIOD).minus(Duration.ofMinutes(1));
        String oldPass = passed();
        String newPass = passed();
        String oldCanceled = canceledAfterConsent();
        String newCanceled = canceledAfterConsent();
        String oldExpired = expired();
        endedAt(oldPass, past);
        endedAt(newPass, inside);
        endedAt(oldCanceled, past);
        endedAt(newCanceled, inside);
        endedAt(oldExpired, past);
        String oldEvent = securityEvent(past);
        String newEvent = securityEvent(inside);
        String delivery = webhookDelivery(now);
        String oldAttempt = webhookAttempt(delivery, 1, past);
        String newAttempt = webhookAttempt(delivery, 2, inside);
        long auditBefore = count("SELECT COUNT(*) FROM audit_event");
        // Ids, not sequence numbers: entries still queued count too (docs/audit.md).
        long maxIdBefore = count("SELECT MAX(id) FROM audit_event");
        assertEquals(1, count("SELECT COUNT(*) FROM consent_record WHERE session_id = ?", oldCanceled));

        PurgeCounts counts = purge.purgeAt(now);

        assertTrue(counts.securityEvents() >= 1 && counts.sessionsCleared() >= 1 && counts.sessionsDeleted() >= 2
                && counts.consentsDeleted() >= 1, counts.toString());
        // Finished with a result, past the period: troubleshooting columns cleared, result and consent stay.
        assertEquals(1, count("SELECT COUNT(*) FROM verification_session WHERE id = ? AND return_url IS NULL "
                + "AND provider_redirect_url IS NULL AND browser_binding_hash IS NULL AND link_token_ciphertext IS NULL "
                + "AND error_code IS NULL AND name_ciphertext IS NULL AND id_number_ciphertext IS NULL", oldPass));
        assertEquals(1, count("SELECT COUNT(*) FROM verification_result WHERE session_id = ? AND status = 'VALID'", oldPass));
        assertEquals(1, count("SELECT COUNT(*) FROM consent_record WHERE session_id = ?", oldPass));
        // Just inside: untouched.
        assertEquals(1, count("SELECT COUNT(*) FROM verification_session WHERE id = ? AND return_url IS NOT NULL "
                + "AND provider_redirect_url IS NOT NULL AND browser_binding_hash IS NOT NULL", newPass));
        // Ended without a result, past the period: gone with the consent record; just inside: stays.
        assertEquals(0, count("SELECT COUNT(*) FROM verification_session WHERE id = ?", oldCanceled));
        assertEquals(0, count("SELECT COUNT(*) FROM consent_record WHERE session_id = ?", oldCanceled));
        assertEquals(0, count("SELECT COUNT(*) FROM verification_session WHERE id = ?", oldExpired));
        assertEquals(1, count("SELECT COUNT(*) FROM verification_session WHERE id = ?", newCanceled));
        assertEquals(1, count("SELECT COUNT(*) FROM consent_record WHERE session_id = ?", newCanceled));
        // Webhook delivery attempts go after the same period; the delivery stays.
        assertEquals(0, count("SELECT COUNT(*) FROM webhook_attempt WHERE id = ?", oldAttempt));
        assertEquals(1, count("SELECT COUNT(*) FROM webhook_attempt WHERE id = ?", newAttempt));
        assertEquals(1, count("SELECT COUNT(*) FROM webhook_delivery WHERE id = ?", delivery));
        assertTrue(counts.webhookAttempts() >= 1, counts.toString());
        // Security log.
        assertEquals(0, count("SELECT COUNT(*) FROM security_event WHERE id = ?", oldEvent));
        assertEquals(1, count("SELECT COUNT(*) FROM security_event WHERE id = ?", newEvent));
        // The audit trail only grew: every earlier entry is still there, and the purge is on record with counts.
        assertEquals(auditBefore, count("SELECT COUNT(*) FROM audit_event WHERE id <= ?", maxIdBefore));
        String outcome = Db.string(dataSource, "SELECT outcome FROM audit_event WHERE event_type = 'RETENTION_PURGE' "
                + "AND id > ? ORDER BY id DESC", maxIdBefore);
        assertEquals(counts.outcome(), outcome);

        // Nothing is due twice.
        PurgeCounts again = purge.purgeAt(now);
        assertEquals(0, again.sessionsCleared() + again.sessionsDeleted() + again.consentsDeleted() + again.securityEvents()
                + again.webhookAttempts(),
                again.toString());
    }

    @Test
    void securityLog_recordsTheSessionPages_andRefusals_neverTheLinkToken() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "孙日志", TestIds.random()));
        String token = c.redirectUrl().substring(c.redirectUrl().lastIndexOf('/') + 1);
        Api.completeFlow(c.redirectUrl(), "pass");
        String longAgent = "Probe/1.0 " + "x".repeat(400);
        given().header("User-Agent", longAgent).cookie(Api.BINDING_COOKIE, "wrong").get("/verify/" + c.id())
                .then().statusCode(403);
        given().redirects().follow(false).get("/v/" + Ids.newSecret()).then().statusCode(404);

        // Rows are written in batches: wait for the refusal, the last one asked for.
        waitFor(() -> count("SELECT COUNT(*) FROM security_event WHERE session_id = ? AND http_status = 403", c.id()) >= 1
                && count("SELECT COUNT(*) FROM security_event WHERE session_id IS NULL AND http_status = 404") >= 1);
        // The page is read once when the link opens and once more to read the rules it shows.
        assertTrue(count("SELECT COUNT(*) FROM security_event WHERE session_id = ? AND kind = 'CONSENT_PAGE' "
                + "AND http_status < 400 AND client_ip IS NOT NULL AND user_agent IS NOT NULL", c.id()) >= 1);
        for (String kind : new String[] {"LINK_OPENED", "CONSENT_SUBMITTED", "PROVIDER_RETURN"}) {
            assertEquals(1, count("SELECT COUNT(*) FROM security_event WHERE session_id = ? AND kind = ? AND http_status < 400 "
                    + "AND client_ip IS NOT NULL AND user_agent IS NOT NULL", c.id(), kind), kind);
        }
        assertEquals(1, count("SELECT COUNT(*) FROM security_event WHERE session_id = ? AND kind = 'CONSENT_PAGE' "
                + "AND http_status = 403", c.id()));
        String agent = Db.string(dataSource, "SELECT user_agent FROM security_event WHERE session_id = ? AND http_status = 403", c.id());
        assertNotNull(agent);
        assertEquals(SecurityLog.MAX_USER_AGENT, agent.length());
        assertTrue(count("SELECT COUNT(*) FROM security_event WHERE session_id IS NULL AND kind = 'LINK_OPENED' "
                + "AND http_status = 404") >= 1);
        assertEquals(0, count("SELECT COUNT(*) FROM security_event WHERE user_agent LIKE ? OR session_id LIKE ? OR kind LIKE ?",
                "%" + token + "%", "%" + token + "%", "%" + token + "%"));
        assertNull(Db.string(dataSource, "SELECT id FROM security_event WHERE client_ip LIKE ?", "%" + token + "%"));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void refusedPage_logsButChangesNothingElse() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "孙拒绝", TestIds.random()));
        Api.Browser b = Api.open(c.redirectUrl());
        Response r = given().redirects().follow(false).cookie(Api.BINDING_COOKIE, "wrong").formParam("consent", "on")
                .post(b.path() + "/consent");
        r.then().statusCode(403);
        assertEquals("CREATED", Api.status(platform, c.id()));
        assertEquals(0, count("SELECT COUNT(*) FROM consent_record WHERE session_id = ?", c.id()));
        waitFor(() -> count("SELECT COUNT(*) FROM security_event WHERE session_id = ? AND kind = 'CONSENT_SUBMITTED' "
                + "AND http_status = 403", c.id()) == 1);
    }
}
