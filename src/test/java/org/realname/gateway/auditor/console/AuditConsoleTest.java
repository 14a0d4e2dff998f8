package org.realname.gateway.auditor.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.identity.Masking;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The console's HTML over HTTP: sign-in cookie, role check, masking, recorded reads. */
@QuarkusTest
class AuditConsoleTest {

    static final String NAME = "张三丰";
    static final String COOKIE = ConsoleCookie.NAME;

    @Inject
    DataSource dataSource;

    String auditorSubject;
    String auditor;

    @BeforeEach
    void tokens() {
        auditorSubject = "console-" + Long.toHexString(System.nanoTime());
        auditor = Api.token(auditorSubject, "auditor");
    }

    @Test
    void withoutASignIn_theConsoleSendsTheBrowserToTheSignInPage() {
        Response r = given().redirects().follow(false).accept("text/html").get("/audit/console?view=results");
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/audit/console/sign-in"), r.header("Location"));
        given().accept("text/html").get("/audit/console/sign-in").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/html"));
    }

    @Test
    void signIn_storesTheTokenInAStrictHttpOnlyCookie_scopedToTheConsole() {
        Response r = given().redirects().follow(false).formParam("token", auditor).post("/audit/console/sign-in");
        assertEquals(303, r.statusCode());
        String setCookie = r.header("Set-Cookie");
        assertTrue(setCookie.startsWith(COOKIE + "=" + auditor + ";"), setCookie);
        assertTrue(setCookie.contains("; Path=/audit/console;"), setCookie);
        assertTrue(setCookie.contains("; HttpOnly"), setCookie);
        assertTrue(setCookie.contains("; SameSite=Strict"), setCookie);

        given().redirects().follow(false).formParam("token", "not a token <script>").accept("text/html")
                .post("/audit/console/sign-in").then().statusCode(400);
    }

    @Test
    void signIn_fromAnotherSite_isRefused_andSetsNoCookie() {
        Response r = given().redirects().follow(false).formParam("token", auditor).header("Origin", "https://evil.example")
                .accept("text/html").post("/audit/console/sign-in");
        r.then().statusCode(403);
        assertEquals(null, r.getCookie(COOKIE));
        given().redirects().follow(false).formParam("token", auditor).header("Sec-Fetch-Site", "cross-site")
                .accept("text/html").post("/audit/console/sign-in").then().statusCode(403);
        given().redirects().follow(false).header("Origin", "https://evil.example").post("/audit/console/sign-out")
                .then().statusCode(403);
        // an opaque origin without fetch metadata cannot be told apart from a hostile one
        given().redirects().follow(false).formParam("token", auditor).header("Origin", "null")
                .post("/audit/console/sign-in").then().statusCode(403);
        // the console's own page: same origin
        given().redirects().follow(false).formParam("token", auditor)
                .header("Origin", io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port)
                .header("Sec-Fetch-Site", "same-origin").post("/audit/console/sign-in").then().statusCode(303);
    }

    @Test
    void theCookie_isReadOnlyForConsolePaths() {
        given().cookie(COOKIE, auditor).get("/api/v1/audit/events").then().statusCode(401);
        given().cookie(COOKIE, auditor).accept("text/html").get("/audit/console").then().statusCode(200);
    }

    @Test
    void aNonAuditor_isRefused() {
        given().cookie(COOKIE, Api.token("platform")).accept("text/html").get("/audit/console")
                .then().statusCode(403);
        given().cookie(COOKIE, "e30.e30.x").accept("text/html").get("/audit/console").then().statusCode(401);
    }

    @Test
    void results_showMaskedIdentities_andTheReadIsRecorded() {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        String idNumber = TestIds.random();
        Api.completeFlow(Api.created(platform, Api.signup(account, NAME, idNumber)).redirectUrl(), "pass");

        String html = given().cookie(COOKIE, auditor).accept("text/html")
                .queryParam("view", "results").queryParam("account", account).get("/audit/console")
                .then().statusCode(200).extract().asString();
        assertTrue(html.contains(Masking.name(NAME)), html);
        assertTrue(html.contains(Masking.idNumber(idNumber)), html);
        assertFalse(html.contains(NAME) || html.contains(idNumber), "no plain identity on the page");
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'AUDIT_QUERIED' "
                + "AND actor = ? AND record_id = ? AND outcome = 'results:1'", auditorSubject, account));

        Response csv = given().cookie(COOKIE, auditor).queryParam("view", "results").queryParam("account", account)
                .queryParam("format", "csv").get("/audit/console/export");
        csv.then().statusCode(200);
        assertEquals(2, csv.asString().split("\r\n").length);
        assertTrue(csv.asString().contains(Masking.idNumber(idNumber)));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'EXPORT' "
                + "AND actor = ? AND record_id = ?", auditorSubject, account));
    }

    @Test
    void aBadFilter_answersAnErrorPage_andNothingIsRecorded() {
        given().cookie(COOKIE, auditor).accept("text/html").queryParam("from", "last week").get("/audit/console")
                .then().statusCode(400).contentType(org.hamcrest.Matchers.startsWith("text/html"));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE actor = ?", auditorSubject));
    }
}
