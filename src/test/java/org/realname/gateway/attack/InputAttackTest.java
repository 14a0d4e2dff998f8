package org.realname.gateway.attack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.realname.gateway.attack.Evidence.consentsOf;
import static org.realname.gateway.attack.Evidence.errorPage;
import static org.realname.gateway.attack.Evidence.problem;
import static org.realname.gateway.attack.Evidence.sessionRow;
import static org.realname.gateway.attack.Evidence.sessionsOf;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.attack.Evidence.TrailMark;
import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Hostile input that no database detail defends against, so run once, on H2: script in every
 * field a page or a problem echoes, HTTP method tampering, header and log injection (CR/LF, ANSI
 * escapes), and oversized, deeply nested or ambiguous JSON. Each answer is a clear 4xx,
 * problem+json for the API and an HTML page for a browser, nothing is created or moved, and the
 * log stays free of personal data and of anything the attacker wrote into it.
 */
@QuarkusTest
class InputAttackTest {

    static final String NAME = "欧阳输入";
    static final String SCRIPT = "<script>alert('xss')</script>";
    static final String IMG = "\"><img src=x onerror=alert(1)>";
    /** What must never come back unescaped. */
    static final List<String> RAW = List.of("<script", "<img", "onerror=alert");

    @Inject
    DataSource dataSource;
    @Inject
    AuditSequencer sequencer;

    String platform;
    String idNumber;

    @BeforeEach
    void platformToken() {
        platform = Api.token("platform");
        idNumber = TestIds.random();
    }

    static ValidatableResponse noScript(ValidatableResponse r) {
        for (String raw : RAW) {
            r.body(not(containsString(raw)));
        }
        return r;
    }

    // ---- XSS: every field a page or a problem detail echoes ----

    @Test
    void xss_inEveryFieldOfTheCreateBody_isRefused_andNotEchoed() {
        for (String field : List.of("account_id", "purpose", "return_url", "name", "id_number")) {
            for (String payload : List.of(SCRIPT, IMG)) {
                String account = TestIds.randomAccount();
                Map<String, Object> body = Api.signup(account, NAME, idNumber);
                body.put(field, payload);
                ValidatableResponse r = Api.create(platform, body).then();
                noScript(r.statusCode(400).contentType(containsString(Evidence.PROBLEM)));
                assertEquals(0, sessionsOf(dataSource, account), field);
            }
        }
    }

    @Test
    void xss_inAMemberName_andAnIdempotencyKey_isRefused_andNotEchoed() {
        String account = TestIds.randomAccount();
        String unknownMember = "{\"account_id\":\"" + account + "\",\"" + SCRIPT.replace("'", "") + "\":1}";
        noScript(problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(unknownMember)
                .post("/api/v1/verifications").then(), 400, "malformed-body"));
        String twice = "{\"account_id\":\"" + account + "\",\"<img src=x>\":1,\"<img src=x>\":2}";
        noScript(problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(twice)
                .post("/api/v1/verifications").then(), 400, "malformed-body"));
        noScript(problem(given().auth().oauth2(platform).header("Idempotency-Key", IMG).contentType(ContentType.JSON)
                .body(Api.signup(account, NAME, idNumber)).post("/api/v1/verifications").then(), 400, "invalid-request"));
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void xss_inPathsAndQueryParameters_isNotEchoed() {
        noScript(problem(given().auth().oauth2(platform).urlEncodingEnabled(true)
                .get("/api/v1/verifications/{id}", IMG).then(), 404, "verification-not-found"));
        noScript(problem(given().auth().oauth2(platform).get("/api/v1/accounts/{a}/real-name", IMG).then(), 400,
                "invalid-request"));
        noScript(problem(given().auth().oauth2(platform).queryParam("max_age", SCRIPT)
                .get("/api/v1/accounts/a1/real-name").then(), 400, "invalid-request"));
        noScript(errorPage(given().accept(ContentType.HTML).get("/verify/{id}", IMG).then(), 404, "link-invalid"));
        noScript(errorPage(given().accept(ContentType.HTML).redirects().follow(false).get("/v/{t}", IMG).then(), 404,
                "link-invalid"));
        noScript(given().accept(ContentType.HTML).get("/no-such-page/{x}", IMG).then().statusCode(404));
    }

    @Test
    void xss_inTheDemoPages_isEscaped() {
        // The demo result page echoes its query; the demo form refuses a scripted name.
        Response result = given().accept(ContentType.HTML).queryParam("verification_id", SCRIPT).queryParam("status", IMG)
                .get("/demo/result");
        noScript(result.then());
        String account = TestIds.randomAccount();
        noScript(given().accept(ContentType.HTML).redirects().follow(false).formParam("account_id", account)
                .formParam("name", SCRIPT).formParam("id_number", idNumber).post("/demo/start").then().statusCode(400)
                .contentType(containsString("text/html")));
        noScript(given().accept(ContentType.HTML).redirects().follow(false).formParam("account_id", IMG)
                .formParam("name", NAME).formParam("id_number", idNumber).post("/demo/start").then().statusCode(400));
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void xss_inTheConsentForm_isNotEchoed_andRecordsNothing() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), NAME, idNumber));
        Api.Browser b = Api.open(c.redirectUrl());
        String before = sessionRow(dataSource, c.id());
        TrailMark mark = TrailMark.now(dataSource, sequencer);
        try (LogCapture log = LogCapture.start()) {
            Response r = given().accept(ContentType.HTML).redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                    .formParam("consent", "on").formParam("rules_version", SCRIPT).formParam("rules_digest", IMG)
                    .formParam("guardian_name", SCRIPT).formParam("guardian_relation", IMG)
                    .post(b.path() + "/consent");
            noScript(r.then().statusCode(409).contentType(containsString("text/html")));
            log.assertClean(NAME, idNumber, b.secret(), "<script", "onerror");
        }
        assertEquals(before, sessionRow(dataSource, c.id()));
        assertEquals(0, consentsOf(dataSource, c.id()));
        assertEquals(List.of(), mark.entriesAbout(c.id()));
    }

    @Test
    void xss_inTheAuditConsoleFilters_isNotEchoedUnescaped() {
        String auditor = Api.token("auditor");
        for (String view : List.of("results", "events")) {
            Response r = given().accept(ContentType.HTML).redirects().follow(false)
                    .cookie(org.realname.gateway.auditor.console.ConsoleCookie.NAME, auditor)
                    .queryParam("view", view).queryParam("account", SCRIPT).queryParam("provider", IMG)
                    .queryParam("event_type", IMG).queryParam("from", SCRIPT).queryParam("after", IMG)
                    .get(org.realname.gateway.auditor.console.ConsoleCookie.PATH);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 400, "the console answered " + r.statusCode());
            noScript(r.then().contentType(containsString("text/html")));
        }
        noScript(given().accept(ContentType.HTML).redirects().follow(false)
                .cookie(org.realname.gateway.auditor.console.ConsoleCookie.NAME, auditor).queryParam("view", SCRIPT)
                .get(org.realname.gateway.auditor.console.ConsoleCookie.PATH).then());
    }

    // ---- HTTP method tampering ----

    @Test
    void methodTampering_unsupportedMethods_are405_andChangeNothing() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), NAME, idNumber));
        Api.Browser b = Api.open(c.redirectUrl());
        String before = sessionRow(dataSource, c.id());
        TrailMark mark = TrailMark.now(dataSource, sequencer);

        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            problem(given().auth().oauth2(platform).request(method, "/api/v1/verifications").then(), 405,
                    "method-not-allowed");
            problem(given().auth().oauth2(platform).request(method, "/api/v1/verifications/" + c.id()).then(), 405,
                    "method-not-allowed");
            problem(given().auth().oauth2(platform).request(method, "/api/v1/verifications/" + c.id() + "/cancel").then(),
                    405, "method-not-allowed");
        }
        // GET on the state-changing form endpoints, POST on the safe pages.
        errorPage(given().accept(ContentType.HTML).cookie(Api.BINDING_COOKIE, b.secret()).queryParam("consent", "on")
                .get(b.path() + "/consent").then(), 405, "method-not-allowed");
        problem(given().auth().oauth2(platform).get("/api/v1/verifications/" + c.id() + "/cancel").then(), 405,
                "method-not-allowed");
        errorPage(given().accept(ContentType.HTML).cookie(Api.BINDING_COOKIE, b.secret())
                .post(b.path() + "/return").then(), 405, "method-not-allowed");
        // TRACE must not echo the request (cross-site tracing of the Authorization header).
        Response trace = given().auth().oauth2(platform).request("TRACE", "/api/v1/verifications/" + c.id());
        assertTrue(trace.statusCode() == 405 || trace.statusCode() == 404 || trace.statusCode() == 501,
                "TRACE answered " + trace.statusCode());
        trace.then().body(not(containsString(platform)));

        assertEquals(before, sessionRow(dataSource, c.id()));
        assertEquals("CREATED", Api.status(platform, c.id()));
        assertEquals(List.of(), mark.entriesAbout(c.id()));
    }

    @Test
    void methodTampering_overrideHeaders_areIgnored() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), NAME, idNumber));
        String before = sessionRow(dataSource, c.id());
        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
            // A GET that asks to be a POST to cancel stays a GET: 405, the session stays open.
            problem(given().auth().oauth2(platform).header(header, "POST")
                    .get("/api/v1/verifications/" + c.id() + "/cancel").then(), 405, "method-not-allowed");
            // A read that asks to be a DELETE stays a read.
            given().auth().oauth2(platform).header(header, "DELETE").get("/api/v1/verifications/" + c.id())
                    .then().statusCode(200);
        }
        given().auth().oauth2(platform).queryParam("_method", "POST").get("/api/v1/verifications/" + c.id() + "/cancel")
                .then().statusCode(405);
        assertEquals(before, sessionRow(dataSource, c.id()));
        assertEquals("CREATED", Api.status(platform, c.id()));
    }

    // ---- header and log injection ----

    @Test
    void logInjection_crlfAndAnsiInFields_areRefused_andNeverReachTheLog() {
        String forged = "\nFORGED 2026-01-01 00:00:00,000 INFO  [org.realname] admin logged in";
        String ansi = "\u001b[2J\u001b[31mFORGED";
        TrailMark mark = TrailMark.now(dataSource, sequencer);
        try (LogCapture log = LogCapture.start()) {
            for (String payload : List.of(forged, "\r" + forged, ansi)) {
                for (String field : List.of("account_id", "purpose", "return_url", "name", "id_number")) {
                    Map<String, Object> body = Api.signup(TestIds.randomAccount(), NAME, idNumber);
                    body.put(field, field.equals("return_url") ? Api.returnUrl() + payload : "a" + payload);
                    Api.create(platform, body).then().statusCode(400).contentType(containsString(Evidence.PROBLEM));
                }
                given().auth().oauth2(platform).get("/api/v1/verifications/{id}", "x" + payload).then().statusCode(404);
                given().accept(ContentType.HTML).header("User-Agent", "ua" + payload.replace('\n', ' ').replace('\r', ' '))
                        .get("/verify/{id}", "0123456789abcdef0123456789abcdef" + payload).then().statusCode(404);
            }
            log.assertClean(NAME, idNumber);
        }
        assertEquals(List.of(), mark.entries());
    }

    @Test
    void headerInjection_encodedCrlfInAPath_addsNoResponseHeader() {
        Response r = given().urlEncodingEnabled(false).accept(ContentType.HTML).redirects().follow(false)
                .get("/v/abc%0d%0aSet-Cookie:%20injected=1%0d%0aX-Injected:%201");
        r.then().statusCode(404);
        assertTrue(r.headers().getValues("Set-Cookie").stream().noneMatch(h -> h.contains("injected")));
        assertEquals(null, r.header("X-Injected"));
        Response api = given().urlEncodingEnabled(false).auth().oauth2(platform)
                .get("/api/v1/verifications/abc%0d%0aX-Injected:%201");
        api.then().statusCode(404);
        assertEquals(null, api.header("X-Injected"));
    }

    // ---- oversized, deeply nested and ambiguous JSON ----

    @Test
    void json_aMemberGivenTwice_isRefused() {
        String account = TestIds.randomAccount();
        String body = "{\"account_id\":\"" + account + "\",\"purpose\":\"SIGNUP\",\"purpose\":\"REVERIFY\","
                + "\"return_url\":\"" + Api.returnUrl() + "\",\"name\":\"" + NAME + "\",\"id_number\":\"" + idNumber + "\"}";
        try (LogCapture log = LogCapture.start()) {
            problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/verifications").then(), 400, "malformed-body");
            log.assertClean(NAME, idNumber);
        }
        String nameTwice = "{\"account_id\":\"" + account + "\",\"purpose\":\"SIGNUP\",\"return_url\":\"" + Api.returnUrl()
                + "\",\"name\":\"" + NAME + "\",\"name\":\"张三\",\"id_number\":\"" + idNumber + "\"}";
        problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(nameTwice)
                .post("/api/v1/verifications").then(), 400, "malformed-body");
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void json_deeplyNested_isRefused() {
        String account = TestIds.randomAccount();
        for (int depth : List.of(40, 2_000)) {
            String nested = "[".repeat(depth) + "]".repeat(depth);
            String body = "{\"account_id\":\"" + account + "\",\"purpose\":" + nested + "}";
            problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/verifications").then(), 400, "malformed-body");
            String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(objects)
                    .post("/api/v1/verifications").then(), 400, "malformed-body");
        }
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void json_thatLooksLikeUtf32_butIsNot_isRefused() {
        // Found by SubscribeRequestFuzzTest: leading zero bytes make Jackson read UTF-32, and a
        // code point above U+10FFFF is an I/O error, not a JSON one.
        String account = TestIds.randomAccount();
        byte[] json = ("{\"account_id\":\"" + account + "\",\"purpose\":\"SIGNUP\"}").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[8 + json.length];
        System.arraycopy(json, 0, body, 8, json.length);
        try (LogCapture log = LogCapture.start()) {
            problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/verifications").then(), 400, "malformed-body");
            problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/webhooks").then(), 400, "malformed-body");
            log.assertClean(account);
        }
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void urls_thatTheJdkParserFailsOn_areRefusedAsInvalid_notAnError() {
        // Found by SubscribeRequestFuzzTest: java.net.URI throws NumberFormatException (not
        // URISyntaxException) for an over-long IPv4 part inside an IPv6 literal.
        String url = "https://[::ffff:254.77777777777777777777.0.1]/hook";
        String account = TestIds.randomAccount();
        Map<String, Object> body = new java.util.HashMap<>(Api.signup(account, NAME, idNumber));
        body.put("return_url", url);
        problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                .post("/api/v1/verifications").then(), 400, "return-url-not-allowed");
        problem(given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("url", url, "events", List.of("ping")))
                .post("/api/v1/webhooks").then(), 400, "webhook-url-invalid");
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void json_hugeNumbers_andTrailingContent_areRefused() {
        String account = TestIds.randomAccount();
        problem(given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body("{\"account_id\":\"" + account + "\",\"purpose\":1" + "0".repeat(5000) + "}")
                .post("/api/v1/verifications").then(), 400, "malformed-body");
        Map<String, Object> ok = Api.signup(account, NAME, idNumber);
        String valid = "{\"account_id\":\"" + account + "\",\"purpose\":\"SIGNUP\",\"return_url\":\"" + ok.get("return_url")
                + "\",\"name\":\"" + NAME + "\",\"id_number\":\"" + idNumber + "\"}";
        problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(valid + "{\"account_id\":\"other\"}")
                .post("/api/v1/verifications").then(), 400, "malformed-body");
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void json_overTheLimit_isRefused_as413_evenAboveTheSocketCap() {
        String account = TestIds.randomAccount();
        for (int size : List.of(20 * 1024, 70 * 1024, 1024 * 1024)) {
            String body = "{\"account_id\":\"" + account + "\",\"purpose\":\"SIGNUP\",\"name\":\"" + "a".repeat(size) + "\"}";
            try (LogCapture log = LogCapture.start()) {
                problem(given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                        .post("/api/v1/verifications").then(), 413, "body-too-large");
                log.assertClean(NAME, idNumber);
            }
        }
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void form_overTheLimit_isRefused_as413_withTheHtmlErrorPage() {
        String body = "consent=on&rules_version=" + "a".repeat(20 * 1024);
        errorPage(given().accept("text/html").contentType(ContentType.URLENC).body(body)
                .post("/verify/00000000-0000-0000-0000-000000000000/consent").then(), 413, "body-too-large");
    }

    @Test
    void json_overTheLimit_withoutContentLength_isRefused() {
        String account = TestIds.randomAccount();
        byte[] body = ("{\"account_id\":\"" + account + "\",\"purpose\":\"SIGNUP\",\"name\":\"" + "a".repeat(40 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        InputStream chunked = new ByteArrayInputStream(body);
        Response r = given().auth().oauth2(platform).contentType(ContentType.JSON).body(chunked)
                .post("/api/v1/verifications");
        assertTrue(r.statusCode() == 413 || r.statusCode() == 400, "answered " + r.statusCode());
        r.then().contentType(containsString(Evidence.PROBLEM));
        assertEquals(0, sessionsOf(dataSource, account));
    }
}
