package org.realname.gateway.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The verification flow end to end over HTTP: platform API, browser pages, the sandbox provider
 * over real HTTP, and the stored result. Run on H2 and on PostgreSQL by its subclasses.
 */
public abstract class VerificationFlowContract {

    @Inject
    DataSource dataSource;
    @Inject
    SessionSweep sweep;
    @Inject
    Reconciler reconciler;
    @Inject
    SessionRepository sessions;
    @Inject
    org.realname.gateway.audit.AuditChainVerifier auditVerifier;
    @Inject
    org.realname.gateway.audit.AuditSequencer auditSequencer;

    String platform;

    @BeforeEach
    void token() {
        platform = Api.token("platform");
    }

    @Test
    void signup_passes_andTheAccountIsVerified() {
        String account = TestIds.randomAccount();
        String id = TestIds.random();
        Api.Created created = Api.created(platform, Api.signup(account, "张三", id));

        String location = Api.completeFlow(created.redirectUrl(), "pass");

        Api.assertRedirectStatus(location, created.id(), "PASSED");
        assertEquals("PASSED", Api.status(platform, created.id()));
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name?max_age=PT10M")
                .then().statusCode(200)
                .body("verified", equalTo(true))
                .body("name", equalTo("张*"))
                .body("id_number", equalTo(id.substring(0, 3) + "***********" + id.substring(14)))
                .body("recent", equalTo(true))
                .body("max_age", equalTo("PT10M"))
                .body("last_purpose", equalTo("SIGNUP"));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ? AND outcome = 'PASS'", created.id()));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM consent_record WHERE session_id = ?", created.id()));
        // The session no longer holds the identity once the result has it.
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM verification_session WHERE id = ? AND name_ciphertext IS NOT NULL", created.id()));
    }

    @Test
    void everyStep_isInTheAuditTrail_inOrder_andTheChainHolds() throws Exception {
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.completeFlow(created.redirectUrl(), "pass");
        auditSequencer.drain(java.time.Duration.ofSeconds(10));

        List<String> events = new ArrayList<>();
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT event_type, outcome, actor FROM audit_event WHERE record_id = ? ORDER BY seq")) {
            ps.setString(1, created.id());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
                }
            }
        }
        assertEquals(List.of("SESSION_CREATED:SIGNUP:platform-client", "SESSION_CONSENTED:2026.12-1:browser",
                "SESSION_REDIRECTED:alipay:browser", "SESSION_RETURNED:PENDING:browser", "SESSION_FINISHED:PASSED:system"),
                events);
        org.realname.gateway.audit.AuditChainVerifier.Report report = auditVerifier.verify();
        assertEquals(true, report.intact(), String.valueOf(report));
    }

    @Test
    void signup_fails_andTheAccountStaysUnverified() {
        String account = TestIds.randomAccount();
        Api.Created created = Api.created(platform, Api.signup(account, "李四", TestIds.random()));

        String location = Api.completeFlow(created.redirectUrl(), "fail");

        Api.assertRedirectStatus(location, created.id(), "FAILED");
        assertEquals("FAILED", Api.status(platform, created.id()));
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name")
                .then().statusCode(200).body("verified", equalTo(false)).body("name", nullValue());
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ? AND outcome = 'FAIL'", created.id()));
    }

    @Test
    void reverify_sendsTheBoundIdentity_andPasses() {
        String account = TestIds.randomAccount();
        String id = TestIds.random();
        Api.completeFlow(Api.created(platform, Api.signup(account, "王小明", id)).redirectUrl(), "pass");

        Api.Created again = Api.created(platform, Api.reverify(account));
        Api.Browser b = Api.open(again.redirectUrl());
        // The consent page shows the bound person, masked: the platform sent no identity this time.
        given().cookie(Api.BINDING_COOKIE, b.secret()).get(b.path()).then().statusCode(200)
                .body(containsString("王**"));
        Response back = Api.comeBack(b, Api.faceCapture(Api.consent(b), "pass"));
        Api.assertRedirectStatus(back.header("Location"), again.id(), "PASSED");

        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name?max_age=PT5M")
                .then().body("verified", equalTo(true)).body("last_purpose", equalTo("REVERIFY")).body("recent", equalTo(true));
        // The re-verification result carries the same blind index as the binding: the same person.
        assertEquals(1, Db.count(dataSource,
                "SELECT COUNT(DISTINCT id_number_index) FROM verification_result WHERE account_id = ?", account));
    }

    @Test
    void reverify_failing_doesNotUnbind() {
        String account = TestIds.randomAccount();
        Api.completeFlow(Api.created(platform, Api.signup(account, "赵六", TestIds.random())).redirectUrl(), "pass");
        Api.Created again = Api.created(platform, Api.reverify(account));
        Api.assertRedirectStatus(Api.completeFlow(again.redirectUrl(), "fail"), again.id(), "FAILED");
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name")
                .then().body("verified", equalTo(true)).body("last_purpose", equalTo("SIGNUP"));
    }

    @Test
    void repeatedReturn_isProcessedOnce() {
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(created.redirectUrl());
        String returnUrl = Api.faceCapture(Api.consent(b), "pass");

        String first = Api.comeBack(b, returnUrl).then().statusCode(302).extract().header("Location");
        String second = Api.comeBack(b, returnUrl).then().statusCode(302).extract().header("Location");

        assertEquals(first, second);
        Api.assertRedirectStatus(second, created.id(), "PASSED");
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ?", created.id()));
    }

    @Test
    void concurrentReturns_areProcessedOnce() throws Exception {
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(created.redirectUrl());
        String returnUrl = Api.faceCapture(Api.consent(b), "pass");

        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<Response> call = () -> {
                start.await();
                return Api.comeBack(b, returnUrl);
            };
            futures.add(pool.submit(call));
        }
        start.countDown();
        for (Future<Response> f : futures) {
            Response r = f.get();
            assertEquals(302, r.statusCode(), r.asString());
            Api.assertRedirectStatus(r.header("Location"), created.id(), "PASSED");
        }
        pool.shutdown();
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ?", created.id()));
    }

    @Test
    void overdueSession_expiresOnAccess_andItsLinkNoLongerOpens() {
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Db.makeOverdue(dataSource, created.id());

        assertEquals("EXPIRED", Api.status(platform, created.id()));
        given().redirects().follow(false).accept(ContentType.HTML).get(created.redirectUrl())
                .then().statusCode(410).contentType(containsString("text/html")).body(containsString("认证已过期"));
    }

    @Test
    void sweep_expiresOverdueSessions_withoutAnyoneLooking() {
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Db.makeOverdue(dataSource, created.id());

        sweep.sweep();

        assertEquals("EXPIRED", Db.string(dataSource, "SELECT status FROM verification_session WHERE id = ?", created.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM verification_session WHERE id = ? AND id_number_ciphertext IS NOT NULL", created.id()));
    }

    @Test
    void reconciliation_settlesAnOverduePendingSession_withTheProvidersVerdict() {
        // The user passed at the provider but closed the browser before coming back.
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(created.redirectUrl());
        Api.faceCapture(Api.consent(b), "pass");
        assertEquals("PENDING", Api.status(platform, created.id()));
        Db.makeOverdue(dataSource, created.id());

        reconciler.reconcile();

        assertEquals("PASSED", Api.status(platform, created.id()));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ?", created.id()));
    }

    @Test
    void reconciliation_expiresAnOverduePendingSession_theUserNeverFinished() {
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.consent(Api.open(created.redirectUrl()));
        Db.makeOverdue(dataSource, created.id());

        reconciler.reconcile();

        assertEquals("EXPIRED", Api.status(platform, created.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ?", created.id()));
    }

    @Test
    void reconciliation_finishesAPendingSession_whoseBrowserNeverCameBack() {
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.faceCapture(Api.consent(Api.open(created.redirectUrl())), "fail");
        Db.exec(dataSource, "UPDATE verification_session SET next_reconcile_at = ? WHERE id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), created.id());

        reconciler.reconcile();

        assertEquals("FAILED", Api.status(platform, created.id()));
    }

    @Test
    void reconciliation_leavesAnUnfinishedSession_pendingUntilItIsOverdue() {
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.consent(Api.open(created.redirectUrl()));
        Db.exec(dataSource, "UPDATE verification_session SET next_reconcile_at = ? WHERE id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), created.id());

        reconciler.reconcile();

        assertEquals("PENDING", Api.status(platform, created.id()));
        // Asked once, released for a later retry with backoff.
        assertEquals(1, Db.count(dataSource, "SELECT reconcile_attempts FROM verification_session WHERE id = ?", created.id()));
        assertEquals(0, Db.count(dataSource,
                "SELECT COUNT(*) FROM verification_session WHERE id = ? AND reconcile_claimed_until IS NOT NULL", created.id()));
    }

    @Test
    void aPendingSession_isClaimedByOneReconcilerAtATime() {
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.consent(Api.open(created.redirectUrl()));
        java.time.Instant now = java.time.Instant.now();
        assertEquals(true, io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(
                () -> sessions.claimForReconciliation(created.id(), "instance-a", now, now.plusSeconds(60))));
        assertEquals(false, io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(
                () -> sessions.claimForReconciliation(created.id(), "instance-b", now, now.plusSeconds(60))));
        // Instance A crashed: once its lease ran out, B may take over.
        java.time.Instant later = now.plusSeconds(61);
        assertEquals(true, io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(
                () -> sessions.claimForReconciliation(created.id(), "instance-b", later, later.plusSeconds(60))));
    }

    @Test
    void sameIdempotencyKey_sameBody_answersTheSameSession() {
        Map<String, Object> body = Api.signup(TestIds.randomAccount(), "张三", TestIds.random());
        String key = "idem-" + TestIds.randomAccount();
        Response first = given().auth().oauth2(platform).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/verifications");
        Response second = given().auth().oauth2(platform).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/verifications");

        first.then().statusCode(201);
        second.then().statusCode(201);
        assertEquals(first.<String>path("id"), second.path("id"));
        assertEquals(first.<String>path("redirect_url"), second.path("redirect_url"));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_session WHERE idempotency_key = ?", key));
    }

    @Test
    void sameIdempotencyKey_differentBody_conflicts_andCreatesNothing() {
        String account = TestIds.randomAccount();
        String key = "idem-" + account;
        given().auth().oauth2(platform).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Api.signup(account, "张三", TestIds.random())).post("/api/v1/verifications").then().statusCode(201);

        given().auth().oauth2(platform).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Api.signup(account, "李四", TestIds.random())).post("/api/v1/verifications")
                .then().statusCode(409).contentType(containsString("application/problem+json"))
                .body("type", containsString("idempotency-conflict"));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_session WHERE account_id = ?", account));
    }

    @Test
    void concurrentSameIdempotencyKey_makesOneSession() throws Exception {
        Map<String, Object> body = Api.signup(TestIds.randomAccount(), "张三", TestIds.random());
        String key = "idem-race-" + TestIds.randomAccount();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(platform).header("Idempotency-Key", key).contentType(ContentType.JSON)
                        .body(body).post("/api/v1/verifications");
            }));
        }
        start.countDown();
        String id = null;
        for (Future<Response> f : futures) {
            Response r = f.get();
            assertEquals(201, r.statusCode(), r.asString());
            if (id == null) {
                id = r.path("id");
            }
            assertEquals(id, r.path("id"));
        }
        pool.shutdown();
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_session WHERE idempotency_key = ?", key));
    }

    @Test
    void twoSessions_haveDifferentLinks() {
        String account = TestIds.randomAccount();
        Api.Created a = Api.created(platform, Api.signup(account, "张三", TestIds.random()));
        Api.Created b = Api.created(platform, Api.signup(account, "张三", TestIds.random()));
        assertNotEquals(a.redirectUrl(), b.redirectUrl());
    }
}
