package org.realname.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every bad input answers a clear 4xx, problem+json for the API and a page for browsers, and changes nothing. */
@QuarkusTest
class ErrorCasesTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    DataSource dataSource;

    String platform;

    @BeforeEach
    void token() {
        platform = Api.token("platform");
    }

    static ValidatableResponse problem(ValidatableResponse r, int status, String slug) {
        return r.statusCode(status)
                .contentType(containsString(PROBLEM))
                .body("type", equalTo("https://realname-gateway.dev/problems/" + slug))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("instance", containsString("urn:request:"))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    ValidatableResponse raw(String body) {
        return given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                .post("/api/v1/verifications").then();
    }

    long sessionsOf(String account) {
        return Db.count(dataSource, "SELECT COUNT(*) FROM verification_session WHERE account_id = ?", account);
    }

    @Nested
    class CreatingASession {

        @Test
        void invalidIdNumber_isRefused_withoutEchoingIt() {
            String account = TestIds.randomAccount();
            String bad = "110105194912310021";
            problem(Api.create(platform, Api.signup(account, "张三", bad)).then(), 400, "invalid-id-number")
                    .body(not(containsString(bad)));
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void invalidName_isRefused() {
            String account = TestIds.randomAccount();
            problem(Api.create(platform, Api.signup(account, "张3", TestIds.random())).then(), 400, "invalid-name");
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void returnUrlOnAnotherOrigin_isRefused() {
            String account = TestIds.randomAccount();
            Map<String, Object> body = Api.signup(account, "张三", TestIds.random());
            body.put("return_url", "https://evil.example/steal");
            problem(Api.create(platform, body).then(), 400, "return-url-not-allowed");
            body.put("return_url", "javascript:alert(1)");
            problem(Api.create(platform, body).then(), 400, "return-url-not-allowed");
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void unknownPurpose_orMissingAccount_isRefused() {
            Map<String, Object> body = Api.signup(TestIds.randomAccount(), "张三", TestIds.random());
            body.put("purpose", "LOGIN");
            problem(Api.create(platform, body).then(), 400, "invalid-request");
            body.put("purpose", "SIGNUP");
            body.remove("account_id");
            problem(Api.create(platform, body).then(), 400, "invalid-request");
        }

        @Test
        void reverifyWithIdentity_isRefused() {
            String account = TestIds.randomAccount();
            Map<String, Object> body = Api.reverify(account);
            body.put("id_number", TestIds.random());
            problem(Api.create(platform, body).then(), 400, "invalid-request");
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void reverifyOfAnUnverifiedAccount_isRefused() {
            String account = TestIds.randomAccount();
            problem(Api.create(platform, Api.reverify(account)).then(), 409, "account-not-verified");
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void signupOfAVerifiedAccount_isRefused() {
            String account = TestIds.randomAccount();
            Api.completeFlow(Api.created(platform, Api.signup(account, "张三", TestIds.random())).redirectUrl(), "pass");
            problem(Api.create(platform, Api.signup(account, "张三", TestIds.random())).then(), 409, "account-already-verified");
            assertEquals(1, sessionsOf(account));
        }

        @Test
        void malformedJson_isRefused() {
            problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body("{\"account_id\": ")
                    .post("/api/v1/verifications").then(), 400, "malformed-body");
        }

        @Test
        void unknownField_isRefused() {
            String account = TestIds.randomAccount();
            Map<String, Object> body = Api.signup(account, "张三", TestIds.random());
            body.put("phone", "13800000000");
            problem(Api.create(platform, body).then(), 400, "malformed-body");
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void memberGivenTwice_isRefused_andChangesNothing() throws Exception {
            String account = TestIds.randomAccount();
            String json = JSON.writeValueAsString(Api.signup(account, "张三", TestIds.random()));
            // Two readings of one body (first or last "purpose") must never both exist.
            String twice = "{\"purpose\":\"REVERIFY\"," + json.substring(1);
            problem(raw(twice), 400, "malformed-body").body("detail", containsString("given twice"));
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void clientChosenMemberNames_areNotEchoed() throws Exception {
            String account = TestIds.randomAccount();
            String idNumber = TestIds.random();
            String json = JSON.writeValueAsString(Api.signup(account, "张三", TestIds.random()));
            String unknown = "{\"" + idNumber + "\":1," + json.substring(1);
            problem(raw(unknown), 400, "malformed-body").body(not(containsString(idNumber)));
            String twice = "{\"" + idNumber + "\":1,\"" + idNumber + "\":2," + json.substring(1);
            problem(raw(twice), 400, "malformed-body").body(not(containsString(idNumber)));
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void deepNesting_andTrailingContent_areRefused() throws Exception {
            String account = TestIds.randomAccount();
            String json = JSON.writeValueAsString(Api.signup(account, "张三", TestIds.random()));
            String nested = "{\"extra\":" + "[".repeat(2000) + "]".repeat(2000) + "," + json.substring(1);
            problem(raw(nested), 400, "malformed-body");
            problem(raw(json + " {}"), 400, "malformed-body");
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void emptyBody_isRefused() {
            problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body("")
                    .post("/api/v1/verifications").then(), 400, "invalid-request");
        }

        @Test
        void oversizedBody_isRefused() {
            String account = TestIds.randomAccount();
            Map<String, Object> body = Api.signup(account, "张三", TestIds.random());
            body.put("name", "张".repeat(20_000));
            problem(Api.create(platform, body).then(), 413, "body-too-large");
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void wrongContentType_isRefused() {
            problem(given().auth().oauth2(platform).contentType(ContentType.XML).body("<a/>")
                    .post("/api/v1/verifications").then(), 415, "unsupported-media-type");
        }

        @Test
        void badIdempotencyKey_isRefused() {
            String account = TestIds.randomAccount();
            problem(given().auth().oauth2(platform).header("Idempotency-Key", "has space").contentType(ContentType.JSON)
                    .body(Api.signup(account, "张三", TestIds.random())).post("/api/v1/verifications").then(),
                    400, "invalid-request");
            assertEquals(0, sessionsOf(account));
        }
    }

    @Nested
    class Authorization {

        @Test
        void noToken_is401() {
            String account = TestIds.randomAccount();
            problem(given().contentType(ContentType.JSON).body(Api.signup(account, "张三", TestIds.random()))
                    .post("/api/v1/verifications").then(), 401, "unauthenticated")
                    .header("WWW-Authenticate", containsString("Bearer"));
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void garbageToken_is401() {
            problem(given().auth().oauth2("not.a.token").get("/api/v1/verifications/0123456789abcdef0123456789abcdef")
                    .then(), 401, "unauthenticated");
        }

        @Test
        void tokenSignedByAnotherKey_is401() {
            // A structurally valid JWT whose signature does not verify with the issuer's key.
            String[] parts = Api.token("platform").split("\\.");
            String forged = parts[0] + "." + parts[1] + "." + Api.token("admin").split("\\.")[2];
            problem(given().auth().oauth2(forged).get("/api/v1/accounts/x/real-name").then(), 401, "unauthenticated");
        }

        @Test
        void wrongRole_is403() {
            String account = TestIds.randomAccount();
            problem(Api.create(Api.token("auditor"), Api.signup(account, "张三", TestIds.random())).then(),
                    403, "forbidden");
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void devTokens_refuseUnknownRoles() {
            problem(given().contentType(ContentType.JSON).body(Map.of("role", "root", "subject", "x"))
                    .post("/dev/tokens").then(), 400, "invalid-request");
        }
    }

    @Nested
    class ReadingAndCanceling {

        @Test
        void unknownSession_is404() {
            problem(given().auth().oauth2(platform).get("/api/v1/verifications/0123456789abcdef0123456789abcdef").then(),
                    404, "verification-not-found");
            problem(given().auth().oauth2(platform).get("/api/v1/verifications/../../etc").then(), 404, "not-found");
        }

        @Test
        void cancel_thenCancelAgain_isAConflict() {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            given().auth().oauth2(platform).post("/api/v1/verifications/" + c.id() + "/cancel")
                    .then().statusCode(200).body("status", equalTo("CANCELED"));
            problem(given().auth().oauth2(platform).post("/api/v1/verifications/" + c.id() + "/cancel").then(),
                    409, "session-final");
            assertEquals("CANCELED", Api.status(platform, c.id()));
        }

        @Test
        void cancelAFinishedSession_isAConflict() {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            Api.completeFlow(c.redirectUrl(), "pass");
            problem(given().auth().oauth2(platform).post("/api/v1/verifications/" + c.id() + "/cancel").then(),
                    409, "session-final");
            assertEquals("PASSED", Api.status(platform, c.id()));
        }

        @Test
        void badMaxAge_isRefused() {
            problem(given().auth().oauth2(platform).get("/api/v1/accounts/a1/real-name?max_age=ten").then(),
                    400, "invalid-request");
            problem(given().auth().oauth2(platform).get("/api/v1/accounts/a1/real-name?max_age=-PT1M").then(),
                    400, "invalid-request");
        }
    }

    @Nested
    class BrowserPages {

        @Test
        void missingConsent_showsAPage_andChangesNothing() {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            Api.Browser b = Api.open(c.redirectUrl());
            given().accept(ContentType.HTML).cookie(Api.BINDING_COOKIE, b.secret()).redirects().follow(false)
                    .post(b.path() + "/consent")
                    .then().statusCode(400).contentType(containsString("text/html")).body(containsString("需要您的同意"));
            assertEquals("CREATED", Api.status(platform, c.id()));
            assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM consent_record WHERE session_id = ?", c.id()));
        }

        @Test
        void reusedLink_inAnotherBrowser_isRefused() {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            Api.open(c.redirectUrl());
            given().accept(ContentType.HTML).redirects().follow(false).get(c.redirectUrl())
                    .then().statusCode(410).contentType(containsString("text/html")).body(containsString("链接已被使用"));
        }

        @Test
        void invalidLink_isRefused() {
            given().accept(ContentType.HTML).redirects().follow(false).get("/v/" + "A".repeat(43))
                    .then().statusCode(404).body(containsString("链接无效"));
            given().accept(ContentType.HTML).redirects().follow(false).get("/v/short")
                    .then().statusCode(404).body(containsString("链接无效"));
        }

        @Test
        void foreignBrowser_cannotSeeOrConsent() {
            Api.Created mine = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            Api.Created theirs = Api.created(platform, Api.signup(TestIds.randomAccount(), "李四", TestIds.random()));
            Api.Browser me = Api.open(mine.redirectUrl());
            Api.open(theirs.redirectUrl());
            // My cookie on their session.
            given().accept(ContentType.HTML).cookie(Api.BINDING_COOKIE, me.secret()).get("/verify/" + theirs.id())
                    .then().statusCode(403).body(containsString("其他浏览器"));
            given().accept(ContentType.HTML).cookie(Api.BINDING_COOKIE, me.secret()).formParam("consent", "on")
                    .redirects().follow(false).post("/verify/" + theirs.id() + "/consent")
                    .then().statusCode(403);
            given().accept(ContentType.HTML).redirects().follow(false).get("/verify/" + theirs.id() + "/return")
                    .then().statusCode(403);
            assertEquals("CREATED", Api.status(platform, theirs.id()));
        }

        @Test
        void consentOnAnExpiredSession_showsExpired() {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            Api.Browser b = Api.open(c.redirectUrl());
            Db.makeOverdue(dataSource, c.id());
            given().accept(ContentType.HTML).cookie(Api.BINDING_COOKIE, b.secret()).formParam("consent", "on")
                    .redirects().follow(false).post(b.path() + "/consent")
                    .then().statusCode(410).body(containsString("认证已过期"));
            assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM consent_record WHERE session_id = ?", c.id()));
        }

        @Test
        void consentOnACanceledSession_showsFinished() {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            Api.Browser b = Api.open(c.redirectUrl());
            given().auth().oauth2(platform).post("/api/v1/verifications/" + c.id() + "/cancel").then().statusCode(200);
            given().accept(ContentType.HTML).cookie(Api.BINDING_COOKIE, b.secret()).formParam("consent", "on")
                    .redirects().follow(false).post(b.path() + "/consent")
                    .then().statusCode(409).body(containsString("认证已结束"));
        }

        @Test
        void demoWithAnInvalidIdNumber_showsAPage_andCreatesNothing() {
            String account = TestIds.randomAccount();
            given().accept(ContentType.HTML).redirects().follow(false)
                    .formParam("account_id", account).formParam("name", "John Smith").formParam("id_number", "110105194912310021")
                    .post("/demo/start")
                    .then().statusCode(400).contentType(containsString("text/html")).body(containsString("身份证号码无效"))
                    .body(not(containsString("110105194912310021")));
            assertEquals(0, sessionsOf(account));
        }

        @Test
        void returnBeforeConsent_isRefused() {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            Api.Browser b = Api.open(c.redirectUrl());
            given().accept(ContentType.HTML).cookie(Api.BINDING_COOKIE, b.secret()).redirects().follow(false)
                    .get(b.path() + "/return").then().statusCode(409);
            assertEquals("CREATED", Api.status(platform, c.id()));
        }

        @Test
        void consentPage_showsRulesVersion_andIsPhoneSized() {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            Api.Browser b = Api.open(c.redirectUrl());
            given().cookie(Api.BINDING_COOKIE, b.secret()).get(b.path()).then().statusCode(200)
                    .body(containsString("name=\"viewport\""))
                    .body(containsString("name=\"consent\""))
                    .body(containsString("2026.12-1"))
                    .body(containsString("人脸信息处理规则"))
                    .body(containsString("Face information processing rules"))
                    .body(containsString("张*"))
                    .body(not(containsString("张三")));
        }
    }

    @Nested
    class ProviderFailures {

        @Test
        void badlySignedProviderAnswer_isNotTrusted_andTheSessionWaitsForTheProvidersOwn() {
            // Sandbox magic ID number: query answers with a signature that does not verify. Not
            // the provider's word, so it settles nothing (the reconciler gives up at its limit).
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", "110101190001010030"));
            String location = Api.completeFlow(c.redirectUrl(), "pass");
            Api.assertRedirectStatus(location, c.id(), "PENDING");
            given().auth().oauth2(platform).get("/api/v1/verifications/" + c.id()).then()
                    .body("status", equalTo("PENDING")).body("error_code", nullValue());
            assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ?", c.id()));
        }

        @Test
        void unavailableProvider_leavesTheSessionPending_forALaterAnswer() {
            // Sandbox magic ID number: query answers 20000 (service unavailable).
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", "110101190001010022"));
            String location = Api.completeFlow(c.redirectUrl(), "pass");
            Api.assertRedirectStatus(location, c.id(), "PENDING");
            assertEquals("PENDING", Api.status(platform, c.id()));
        }

        @Test
        void alwaysFailingIdentity_fails() {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", "110101190001010014"));
            Api.assertRedirectStatus(Api.completeFlow(c.redirectUrl(), "pass"), c.id(), "FAILED");
        }
    }
}
