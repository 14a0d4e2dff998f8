package org.realname.gateway.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.identity.Masking;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two platforms as two tenants, {@code a} and {@code b}, each with an account of the same id
 * bound to a different person through the full flow. Each sees only its own; the other's
 * objects answer exactly like missing ones and the refusal is on the audit trail. Run on H2 and
 * PostgreSQL by its subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TenantIsolationContract {

    static final String NAME_A = "张三";
    static final String NAME_B = "李四";
    static final String PROBLEM = "application/problem+json";
    static final String MISSING = "0123456789abcdef0123456789abcdef";

    @Inject
    DataSource dataSource;
    @Inject
    AuditSequencer sequencer;

    String account;
    String idA;
    String idB;
    String tokenA;
    String tokenB;
    Api.Created sessionA;
    Api.Created sessionB;

    /** Once per class, before the first test (the HTTP port is known only then). */
    @BeforeEach
    void sameAccountIdInTwoTenants_bothVerified() {
        if (account != null) {
            return;
        }
        account = "alice-" + TestIds.randomAccount();
        idA = TestIds.random();
        idB = TestIds.random();
        tokenA = Api.tenantToken("a", "platform-a", "platform");
        tokenB = Api.tenantToken("b", "platform-b", "platform");
        sessionA = Api.created(tokenA, Api.signup(account, NAME_A, idA));
        sessionB = Api.created(tokenB, Api.signup(account, NAME_B, idB));
        Api.assertRedirectStatus(Api.completeFlow(sessionA.redirectUrl(), "pass"), sessionA.id(), "PASSED");
        Api.assertRedirectStatus(Api.completeFlow(sessionB.redirectUrl(), "pass"), sessionB.id(), "PASSED");
    }

    @Test
    void eachTenant_readsOnlyItsOwnRealName() {
        given().auth().oauth2(tokenA).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(true))
                .body("name", equalTo(Masking.name(NAME_A)))
                .body("id_number", equalTo(Masking.idNumber(idA)));
        given().auth().oauth2(tokenB).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(true))
                .body("name", equalTo(Masking.name(NAME_B)))
                .body("id_number", equalTo(Masking.idNumber(idB)));
        assertNotEquals(Masking.name(NAME_A), Masking.name(NAME_B));
    }

    @Test
    void sameAccountId_twoTenants_twoDataKeys() {
        assertEquals(2, Db.count(dataSource, "SELECT COUNT(*) FROM account_key WHERE account_id = ?", account));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM account_key WHERE account_id = ? AND tenant_id = 'a'", account));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE account_id = ? AND tenant_id = 'b'",
                account));
    }

    @Test
    void otherTenantsSession_answersLikeAMissingOne_andIsAuditedAsRefused() {
        Response missing = given().auth().oauth2(tokenB).get("/api/v1/verifications/" + MISSING);
        Response foreign = given().auth().oauth2(tokenB).get("/api/v1/verifications/" + sessionA.id());
        sameNotFound(missing, foreign, "verification-not-found");
        Response foreignCancel = given().auth().oauth2(tokenB).post("/api/v1/verifications/" + sessionA.id() + "/cancel");
        sameNotFound(given().auth().oauth2(tokenB).post("/api/v1/verifications/" + MISSING + "/cancel"), foreignCancel,
                "verification-not-found");
        // Its owner still reads it, unchanged.
        assertEquals("PASSED", Api.status(tokenA, sessionA.id()));
        assertTrue(refusals("verification_session", sessionA.id()) >= 2, "both refused reads are on the trail");
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'RESULT_READ' "
                + "AND record_id = ? AND actor = 'platform-b'", sessionA.id()));
    }

    @Test
    void otherTenantsReceipt_answersLikeAMissingOne_andIsAuditedAsRefused() {
        given().auth().oauth2(tokenA).get("/api/v1/verifications/" + sessionA.id() + "/receipt").then().statusCode(200);
        Response missing = given().auth().oauth2(tokenB).get("/api/v1/verifications/" + MISSING + "/receipt");
        Response foreign = given().auth().oauth2(tokenB).get("/api/v1/verifications/" + sessionA.id() + "/receipt");
        sameNotFound(missing, foreign, "verification-not-found");
        assertTrue(refusals("verification_session", sessionA.id()) >= 1);
    }

    @Test
    void otherTenantsResult_cannotBeUnmaskedByItsAuditor() {
        String resultA = Db.string(dataSource, "SELECT id FROM verification_result WHERE session_id = ?", sessionA.id());
        String auditorB = Api.tenantToken("b", "auditor-b", "auditor", "auditor-unmask");
        Map<String, String> reason = Map.of("reason", "DISPUTE_REVIEW", "case_reference", "CASE-1");
        Response missing = given().auth().oauth2(auditorB).contentType(ContentType.JSON).body(reason)
                .post("/api/v1/audit/results/" + MISSING + "/unmask");
        Response foreign = given().auth().oauth2(auditorB).contentType(ContentType.JSON).body(reason)
                .post("/api/v1/audit/results/" + resultA + "/unmask");
        sameNotFound(missing, foreign, "result-not-found");
        assertTrue(refusals("verification_result", resultA) >= 1);
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'RECORD_UNMASKED' "
                + "AND record_id = ?", resultA));
    }

    @Test
    void reverify_ofAnAccountOnlyAnotherTenantHas_isAsForAnUnknownAccount() {
        String onlyA = "only-a-" + TestIds.randomAccount();
        Api.Created c = Api.created(tokenA, Api.signup(onlyA, NAME_A, TestIds.random()));
        Api.completeFlow(c.redirectUrl(), "pass");
        Response unknown = Api.create(tokenB, Api.reverify("nobody-" + TestIds.randomAccount()));
        Response foreign = Api.create(tokenB, Api.reverify(onlyA));
        assertEquals(409, foreign.statusCode());
        assertEquals(unknown.statusCode(), foreign.statusCode());
        assertEquals(unknown.path("type").toString(), foreign.path("type").toString());
        assertEquals(unknown.path("detail").toString(), foreign.path("detail").toString());
        assertTrue(foreign.path("type").toString().endsWith("/account-not-verified"));
        given().auth().oauth2(tokenB).get("/api/v1/accounts/" + onlyA + "/real-name").then().statusCode(200)
                .body("verified", equalTo(false));
        // In its own tenant, the re-verification starts, with the identity a bound.
        Api.created(tokenA, Api.reverify(onlyA));
    }

    @Test
    void idempotencyKeys_areScopedByTenant() {
        String key = "tenant-key-" + TestIds.randomAccount();
        String acct = "idem-" + TestIds.randomAccount();
        Response a = given().auth().oauth2(tokenA).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Api.signup(acct, NAME_A, TestIds.random())).post("/api/v1/verifications");
        Response b = given().auth().oauth2(tokenB).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Api.signup(acct, NAME_B, TestIds.random())).post("/api/v1/verifications");
        assertEquals(201, a.statusCode());
        assertEquals(201, b.statusCode(), "the same key in another tenant is another request, not a conflict");
        assertNotEquals(a.path("id").toString(), b.path("id").toString());
    }

    @Test
    void auditorOfOneTenant_seesOnlyItsResultsAndEvents_auditorOfAll_seesBoth() {
        sequencer.drain(Duration.ofSeconds(10));
        String auditorA = Api.tenantToken("a", "auditor-a", "auditor");
        String auditorAll = Api.tenantToken("*", "auditor-all", "auditor");
        given().auth().oauth2(auditorA).queryParam("account", account).get("/api/v1/audit/results").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].name_masked", equalTo(Masking.name(NAME_A)));
        given().auth().oauth2(auditorAll).queryParam("account", account).get("/api/v1/audit/results").then().statusCode(200)
                .body("items", hasSize(2));
        // A development auditor's token that names no tenant is one of every tenant, as before tenants.
        given().auth().oauth2(Api.token("auditor")).queryParam("account", account).get("/api/v1/audit/results").then()
                .statusCode(200).body("items", hasSize(2));
        List<String> recordsA = given().auth().oauth2(auditorA).queryParam("account", account).queryParam("limit", "500")
                .get("/api/v1/audit/events").then().statusCode(200).extract().path("items.record_id");
        assertTrue(recordsA.contains(sessionA.id()), "a's own session is in a's view");
        assertFalse(recordsA.contains(sessionB.id()), "b's session is not");
        List<String> recordsAll = given().auth().oauth2(auditorAll).queryParam("account", account).queryParam("limit", "500")
                .get("/api/v1/audit/events").then().statusCode(200).extract().path("items.record_id");
        assertTrue(recordsAll.contains(sessionA.id()) && recordsAll.contains(sessionB.id()));
        String csv = given().auth().oauth2(auditorA).queryParam("format", "csv").queryParam("account", account)
                .get("/api/v1/audit/results/export").then().statusCode(200).extract().asString();
        assertTrue(csv.contains(Masking.name(NAME_A)) && !csv.contains(Masking.name(NAME_B)), "the export is scoped too");
    }

    @Test
    void webhooksOfOneTenant_neverGoToAnother_evenForTheSameSubject() {
        String subject = "platform-shared-" + TestIds.randomAccount();
        String sharedA = Api.tenantToken("a", subject, "platform");
        String sharedB = Api.tenantToken("b", subject, "platform");
        String subscriptionB = given().auth().oauth2(sharedB).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hooks/realname", "events", List.of("verification.passed")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        given().auth().oauth2(sharedA).get("/api/v1/webhooks/" + subscriptionB).then().statusCode(404)
                .body("type", equalTo("https://realname-gateway.dev/problems/webhook-not-found"));
        given().auth().oauth2(sharedA).get("/api/v1/webhooks").then().statusCode(200).body("$", hasSize(0));
        Api.Created fromA = Api.created(sharedA, Api.signup("hook-" + TestIds.randomAccount(), NAME_A, TestIds.random()));
        Api.completeFlow(fromA.redirectUrl(), "pass");
        Api.Created fromB = Api.created(sharedB, Api.signup("hook-" + TestIds.randomAccount(), NAME_B, TestIds.random()));
        Api.completeFlow(fromB.redirectUrl(), "pass");
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_event WHERE record_id = ? AND tenant_id = 'a'",
                fromA.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id "
                + "WHERE d.subscription_id = ? AND e.tenant_id <> 'b'", subscriptionB));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id "
                + "WHERE d.subscription_id = ? AND e.record_id = ?", subscriptionB, fromB.id()));
    }

    @Test
    void rightsOnBehalf_seeOnlyTheTenantsAccount() {
        given().auth().oauth2(tokenA).get("/api/v1/accounts/" + account + "/verifications").then().statusCode(200)
                .body("verifications", hasSize(1)).body("verifications[0].verification_id", equalTo(sessionA.id()));
        given().auth().oauth2(tokenB).get("/api/v1/accounts/" + account + "/export").then().statusCode(200)
                .body("sessions", hasSize(1)).body("sessions[0].verification_id", equalTo(sessionB.id()));
        // The person's own token, of tenant b: only b's history.
        String aliceB = Api.tenantToken("b", account, "user");
        given().auth().oauth2(aliceB).get("/api/v1/me/verifications").then().statusCode(200)
                .body("verifications", hasSize(1)).body("verifications[0].verification_id", equalTo(sessionB.id()));
        // b disputing a's verification: not found, like any other account's.
        given().auth().oauth2(aliceB).post("/api/v1/me/verifications/" + sessionA.id() + "/dispute").then().statusCode(404)
                .body("type", equalTo("https://realname-gateway.dev/problems/verification-not-found"));
    }

    @Test
    void malformedTenantClaim_isForbidden() {
        for (String bad : new String[] {"Bad_Tenant", "-a", "*"}) {
            String token = Api.tenantToken(bad, "platform-x", "platform");
            given().auth().oauth2(token).get("/api/v1/verifications/" + sessionA.id()).then().statusCode(403)
                    .contentType(PROBLEM).body("type", equalTo("https://realname-gateway.dev/problems/tenant-invalid"));
            given().auth().oauth2(token).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(403)
                    .body("type", equalTo("https://realname-gateway.dev/problems/tenant-invalid"));
        }
        String badAuditor = Api.tenantToken("A B".replace(' ', '.'), "auditor-x", "auditor");
        given().auth().oauth2(badAuditor).get("/api/v1/audit/verify").then().statusCode(403)
                .body("type", equalTo("https://realname-gateway.dev/problems/tenant-invalid"));
    }

    @Test
    void defaultTenant_withoutClaim_keepsWorking_andSeesNoOtherTenant() {
        String plain = Api.token("platform");
        String acct = "plain-" + TestIds.randomAccount();
        Api.Created c = Api.created(plain, Api.signup(acct, NAME_A, TestIds.random()));
        Api.completeFlow(c.redirectUrl(), "pass");
        assertEquals("PASSED", Api.status(plain, c.id()));
        given().auth().oauth2(plain).get("/api/v1/accounts/" + acct + "/real-name").then().statusCode(200)
                .body("verified", equalTo(true));
        assertEquals("default", Db.string(dataSource, "SELECT tenant_id FROM verification_session WHERE id = ?", c.id()));
        given().auth().oauth2(plain).get("/api/v1/verifications/" + sessionA.id()).then().statusCode(404);
        given().auth().oauth2(plain).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(false));
        given().auth().oauth2(tokenA).get("/api/v1/verifications/" + c.id()).then().statusCode(404);
    }

    long refusals(String recordType, String recordId) {
        return Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'ACCESS_REFUSED' "
                + "AND record_type = ? AND record_id = ?", recordType, recordId);
    }

    /** Another tenant's object and a missing one: the same status, type, title and detail. */
    public static void sameNotFound(Response missing, Response foreign, String slug) {
        assertEquals(404, missing.statusCode());
        assertEquals(404, foreign.statusCode());
        assertTrue(foreign.contentType().startsWith(PROBLEM), foreign.contentType());
        assertEquals("https://realname-gateway.dev/problems/" + slug, foreign.path("type"));
        assertEquals(missing.path("type").toString(), foreign.path("type").toString());
        assertEquals(missing.path("title").toString(), foreign.path("title").toString());
        assertEquals(missing.path("detail").toString(), foreign.path("detail").toString());
    }
}
