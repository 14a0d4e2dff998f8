package org.realname.gateway.rights;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every right end to end over HTTP, after real verifications through the sandbox provider:
 * history, export, erasure, dispute, withdrawal, self-service and on the platform's behalf.
 * Run on H2 and on PostgreSQL by its subclasses.
 */
public abstract class RightsContract {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    DataSource dataSource;
    @Inject
    KeyRingService keyRing;

    String platform;

    @BeforeEach
    void tokens() {
        platform = Api.token("platform");
    }

    /** An account that passed SIGNUP with {@code name}; returns its verification (session) id. */
    String verified(String account, String name, String idNumber) {
        Api.Created c = Api.created(platform, Api.signup(account, name, idNumber));
        Api.assertRedirectStatus(Api.completeFlow(c.redirectUrl(), "pass"), c.id(), "PASSED");
        return c.id();
    }

    String user(String account) {
        return Api.token(account, "user");
    }

    long audited(String type, String recordId) {
        return Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = ? AND record_id = ?", type, recordId);
    }

    @Test
    void history_showsOwnVerificationsMasked_selfAndPlatform_andIsAudited() {
        String account = TestIds.randomAccount();
        String id = TestIds.random();
        String verification = verified(account, "张三丰", id);
        String masked = id.substring(0, 3) + "***********" + id.substring(14);

        for (String path : List.of("/api/v1/me/verifications", "/api/v1/accounts/" + account + "/verifications")) {
            String token = path.contains("/me/") ? user(account) : platform;
            given().auth().oauth2(token).get(path).then().statusCode(200)
                    .body("account_id", equalTo(account))
                    .body("erased", equalTo(false))
                    .body("verifications", hasSize(1))
                    .body("verifications[0].verification_id", equalTo(verification))
                    .body("verifications[0].purpose", equalTo("SIGNUP"))
                    .body("verifications[0].status", equalTo("PASSED"))
                    .body("verifications[0].outcome", equalTo("PASS"))
                    .body("verifications[0].result_status", equalTo("VALID"))
                    .body("verifications[0].name", equalTo("张**"))
                    .body("verifications[0].id_number", equalTo(masked))
                    .body("verifications[0].verified_at", notNullValue())
                    .body(not(id)).body(not("张三丰"));
        }
        assertEquals(2, audited("HISTORY_READ", account));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'HISTORY_READ' "
                + "AND record_id = ? AND actor = ? AND actor_role = 'user'", account, account));
    }

    private static org.hamcrest.Matcher<String> not(String needle) {
        return org.hamcrest.Matchers.not(containsString(needle));
    }

    @Test
    void export_holdsEverything_receiptsVerify_noPlainPersonalData() {
        String account = TestIds.randomAccount();
        String id = TestIds.random();
        String name = "欧阳导出测试";
        String verification = verified(account, name, id);
        Api.Created canceled = Api.created(platform, Api.reverify(account));
        given().auth().oauth2(platform).post("/api/v1/verifications/" + canceled.id() + "/cancel").then().statusCode(200);
        given().auth().oauth2(user(account)).post("/api/v1/me/consent/withdrawal").then().statusCode(200);

        Response r = given().auth().oauth2(user(account)).get("/api/v1/me/export");
        r.then().statusCode(200).contentType(containsString("application/json"));
        String body = r.asString();
        assertFalse(body.contains(name), "no plain name in the export");
        assertFalse(body.contains(id), "no plain ID number in the export");
        assertFalse(body.contains(canceled.redirectUrl().substring(canceled.redirectUrl().lastIndexOf('/') + 1)),
                "no link token in the export");
        JsonPath json = r.jsonPath();
        assertEquals("realname-gateway-export/1", json.getString("format"));
        assertEquals(2, json.getList("sessions").size());
        assertEquals(1, json.getList("consents").size());
        assertEquals(verification, json.getString("consents[0].verification_id"));
        assertEquals("SM3", json.getString("consents[0].rules_digest_algorithm"));
        assertNotNull(json.getString("consents[0].channel"));
        assertEquals(1, json.getList("results").size());
        assertEquals("欧阳****", json.getString("results[0].name"));
        assertEquals("VALID", json.getString("results[0].status"));
        assertEquals(1, json.getList("withdrawals").size());
        assertEquals("self-service", json.getString("withdrawals[0].channel"));
        assertTrue(json.getList("security_events").size() >= 3, "link, consent and return of the verification");
        String receipt = json.getString("results[0].receipt");
        assertTrue(receipt.contains("result_id=" + json.getString("results[0].result_id")), receipt);
        assertTrue(keyRing.verify(json.getString("results[0].signing_key_id"), receipt.getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(json.getString("results[0].receipt_signature"))), "the exported receipt verifies");
        assertEquals(1, audited("EXPORT", account));

        // The platform gets the same document.
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/export").then().statusCode(200)
                .body("results[0].result_id", equalTo(json.getString("results[0].result_id")));
    }

    @Test
    void erasure_closesOpenSessions_shreds_marksResultsErased_isIdempotent() {
        String account = TestIds.randomAccount();
        String id = TestIds.random();
        String name = "李删除";
        String verification = verified(account, name, id);
        // One session waiting for its link, one at the provider.
        Api.Created waiting = Api.created(platform, Api.reverify(account));
        Api.Created atProvider = Api.created(platform, Api.reverify(account));
        Api.Browser browser = Api.open(atProvider.redirectUrl());
        String certifyUrl = Api.consent(browser);
        assertEquals("PENDING", Api.status(platform, atProvider.id()));
        String resultId = Db.string(dataSource, "SELECT id FROM verification_result WHERE session_id = ?", verification);

        Response first = given().auth().oauth2(user(account)).post("/api/v1/me/erasure");
        first.then().statusCode(200).body("account_id", equalTo(account)).body("erased", equalTo(true))
                .body("results_erased", equalTo(1)).body("sessions_canceled", equalTo(2));
        String erasedAt = first.path("erased_at");

        assertEquals("CANCELED", Api.status(platform, waiting.id()));
        assertEquals("CANCELED", Api.status(platform, atProvider.id()));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE id = ? AND status = 'ERASED' "
                + "AND erased_at IS NOT NULL AND id_number_index IS NULL AND receipt_signature IS NULL", resultId));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM verification_session WHERE account_id = ? AND "
                + "(name_ciphertext IS NOT NULL OR id_number_ciphertext IS NOT NULL OR id_number_index IS NOT NULL "
                + "OR link_token_ciphertext IS NOT NULL)", account));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM account_key WHERE account_id = ? AND wrapped_dek IS NULL "
                + "AND destroyed_at IS NOT NULL", account));

        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM security_event e JOIN verification_session s "
                + "ON s.id = e.session_id WHERE s.account_id = ?", account));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM verification_session WHERE account_id = ? "
                + "AND provider_redirect_url IS NOT NULL", account));

        // The person comes back from the provider afterwards: the session stays CANCELED, never ERROR.
        String returnUrl = Api.faceCapture(certifyUrl, "pass");
        Response back = Api.comeBack(browser, returnUrl);
        back.then().statusCode(302);
        Api.assertRedirectStatus(back.header("Location"), atProvider.id(), "CANCELED");
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ?", atProvider.id()));

        // Real-name lookups, history, export and receipts all say "erased".
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(false)).body("erased", equalTo(true)).body("name", nullValue());
        given().auth().oauth2(user(account)).get("/api/v1/me/verifications").then().statusCode(200)
                .body("erased", equalTo(true))
                .body("verifications.find { it.verification_id == '" + verification + "' }.result_status", equalTo("ERASED"))
                .body("verifications.find { it.verification_id == '" + verification + "' }.name", nullValue())
                .body("verifications.find { it.verification_id == '" + verification + "' }.erased", equalTo(true));
        Response export = given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/export");
        export.then().statusCode(200).body("erased", equalTo(true)).body("results[0].status", equalTo("ERASED"))
                .body("results[0].receipt", nullValue()).body("results[0].id_number", nullValue());
        assertFalse(export.asString().contains(id));
        given().auth().oauth2(platform).get("/api/v1/verifications/" + verification + "/receipt").then().statusCode(410)
                .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.ACCOUNT_ERASED.type()));
        // No new verification either.
        Api.create(platform, Api.signup(account, name, id)).then().statusCode(410);

        // Again, from the platform: same time, nothing more to do.
        given().auth().oauth2(platform).post("/api/v1/accounts/" + account + "/erasure").then().statusCode(200)
                .body("erased_at", equalTo(erasedAt)).body("results_erased", equalTo(0)).body("sessions_canceled", equalTo(0));
        assertEquals(2, audited("ERASURE", account));
        // The trail names who asked for the key's destruction, not the system.
        assertTrue(audited("KEY_SHREDDED", account) >= 1);
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'KEY_SHREDDED' "
                + "AND record_id = ? AND actor = 'system'", account));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE outcome LIKE ? OR outcome LIKE ?",
                "%" + id + "%", "%" + name + "%"));
    }

    @Test
    void dispute_marksDisputed_realNameNoLongerCountsIt_platformIsNotified_once() {
        String account = TestIds.randomAccount();
        String verification = verified(account, "王争议", TestIds.random());
        String resultId = Db.string(dataSource, "SELECT id FROM verification_result WHERE session_id = ?", verification);

        Response r = given().auth().oauth2(user(account)).post("/api/v1/me/verifications/" + verification + "/dispute");
        r.then().statusCode(200).body("status", equalTo("DISPUTED")).body("verification_id", equalTo(verification))
                .body("result_id", equalTo(resultId));
        String disputedAt = r.path("disputed_at");
        assertNotNull(disputedAt);

        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(false));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_event WHERE event_type = "
                + "'verification.disputed' AND record_id = ? AND account_id = ?", verification, account));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE id = ? AND status = 'DISPUTED' "
                + "AND disputed_at IS NOT NULL", resultId));
        // Auditors see it in the trail, against the result.
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'DISPUTE' AND record_id = ? "
                + "AND outcome = 'disputed' AND actor = ?", resultId, account));

        // Repeated, by the platform: same answer, no second notification.
        given().auth().oauth2(platform).post("/api/v1/accounts/" + account + "/verifications/" + verification + "/dispute")
                .then().statusCode(200).body("disputed_at", equalTo(disputedAt));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_event WHERE event_type = 'verification.disputed' AND record_id = ?", verification));
        given().auth().oauth2(user(account)).get("/api/v1/me/export").then().statusCode(200)
                .body("disputes", hasSize(1)).body("disputes[0].result_id", equalTo(resultId));
        // A disputed binding no longer blocks a fresh sign-up.
        Api.create(platform, Api.signup(account, "王争议", TestIds.random())).then().statusCode(201);
    }

    @Test
    void withdrawal_isRecorded_cancelsOpenSessions_keepsPastResults() {
        String account = TestIds.randomAccount();
        verified(account, "赵撤回", TestIds.random());
        Api.Created open = Api.created(platform, Api.reverify(account));

        Response r = given().auth().oauth2(platform).post("/api/v1/accounts/" + account + "/consent/withdrawal");
        r.then().statusCode(200).body("account_id", equalTo(account)).body("channel", equalTo("platform"))
                .body("sessions_canceled", equalTo(1));
        assertEquals("CANCELED", Api.status(platform, open.id()));
        assertEquals("consent-withdrawn", Db.string(dataSource, "SELECT error_code FROM verification_session WHERE id = ?", open.id()));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM consent_withdrawal WHERE account_id = ? AND channel = 'platform' "
                + "AND sessions_canceled = 1", account));
        assertEquals(1, audited("CONSENT_WITHDRAWN", r.path("withdrawal_id")));
        assertEquals(1, audited("SESSION_CANCELED", open.id()));
        // Past results stand: withdrawal is not erasure.
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(true));
    }

    @Test
    void withdrawal_byThePersonsOwnToken_isRecordedAsTheirs_andCancelsOpenSessions() {
        String account = TestIds.randomAccount();
        verified(account, "钱自撤", TestIds.random());
        Api.Created open = Api.created(platform, Api.reverify(account));

        Response r = given().auth().oauth2(user(account)).post("/api/v1/me/consent/withdrawal");
        r.then().statusCode(200).body("account_id", equalTo(account)).body("channel", equalTo("self-service"))
                .body("sessions_canceled", equalTo(1));
        assertEquals("CANCELED", Api.status(platform, open.id()));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM consent_withdrawal WHERE account_id = ? AND channel = 'self-service' "
                + "AND sessions_canceled = 1", account));
        assertEquals(1, audited("CONSENT_WITHDRAWN", r.path("withdrawal_id")));
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(true));
    }

    @Test
    void aUserTokenReachesOnlyItsOwnAccount_andNothingChanges() {
        String owner = TestIds.randomAccount();
        String verification = verified(owner, "孙本人", TestIds.random());
        String other = user(TestIds.randomAccount());

        given().auth().oauth2(other).post("/api/v1/me/verifications/" + verification + "/dispute").then().statusCode(404)
                .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.VERIFICATION_NOT_FOUND.type()));
        for (String path : List.of("/verifications", "/export")) {
            given().auth().oauth2(other).get("/api/v1/accounts/" + owner + path).then().statusCode(403)
                    .contentType(containsString(PROBLEM));
        }
        given().auth().oauth2(user(owner)).post("/api/v1/accounts/" + owner + "/erasure").then().statusCode(403)
                .contentType(containsString(PROBLEM));
        given().auth().oauth2(Api.token("auditor")).get("/api/v1/accounts/" + owner + "/export").then().statusCode(403);
        given().auth().oauth2(platform).get("/api/v1/me/verifications").then().statusCode(403);
        given().get("/api/v1/me/export").then().statusCode(401).contentType(containsString(PROBLEM));

        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ? AND status = 'VALID'",
                verification));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_event WHERE event_type = 'verification.disputed' AND account_id = ?", owner));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM account_key WHERE account_id = ? AND destroyed_at IS NOT NULL", owner));
    }

    @Test
    void badInput_answersProblemJson_andChangesNothing() {
        String account = TestIds.randomAccount();
        String verification = verified(account, "周坏输入", TestIds.random());
        String me = user(account);

        for (String limit : List.of("0", "501", "abc", "-1")) {
            given().auth().oauth2(me).get("/api/v1/me/verifications?limit=" + limit).then().statusCode(400)
                    .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.INVALID_REQUEST.type()));
        }
        given().auth().oauth2(me).get("/api/v1/me/verifications?limit=1").then().statusCode(200).body("verifications", hasSize(1));
        given().auth().oauth2(platform).get("/api/v1/accounts/" + "a".repeat(65) + "/export").then().statusCode(400)
                .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.INVALID_REQUEST.type()));
        given().auth().oauth2(me).post("/api/v1/me/verifications/not-an-id/dispute").then().statusCode(404)
                .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.VERIFICATION_NOT_FOUND.type()));
        given().auth().oauth2(me).post("/api/v1/me/verifications/" + "0".repeat(32) + "/dispute").then().statusCode(404)
                .contentType(containsString(PROBLEM));
        // Unknown accounts: nothing to erase or withdraw, and no tombstone is made.
        String unknown = TestIds.randomAccount();
        given().auth().oauth2(platform).post("/api/v1/accounts/" + unknown + "/erasure").then().statusCode(404)
                .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.ACCOUNT_NOT_FOUND.type()));
        given().auth().oauth2(user(unknown)).post("/api/v1/me/consent/withdrawal").then().statusCode(404)
                .contentType(containsString(PROBLEM));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM account_key WHERE account_id = ?", unknown));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM consent_withdrawal WHERE account_id = ?", unknown));
        given().auth().oauth2(user(unknown)).get("/api/v1/me/verifications").then().statusCode(200)
                .body("verifications", hasSize(0));
        // A dispute of an erased result is refused.
        given().auth().oauth2(me).post("/api/v1/me/erasure").then().statusCode(200);
        given().auth().oauth2(me).post("/api/v1/me/verifications/" + verification + "/dispute").then().statusCode(410)
                .contentType(containsString(PROBLEM)).body("type", equalTo(ErrorCode.ACCOUNT_ERASED.type()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_event WHERE event_type = 'verification.disputed' AND account_id = ?", account));
        assertNull(Db.string(dataSource, "SELECT disputed_at FROM verification_result WHERE session_id = ?", verification));
    }
}
