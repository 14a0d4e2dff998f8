package org.realname.gateway.attack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.realname.gateway.attack.Evidence.consentsOf;
import static org.realname.gateway.attack.Evidence.errorPage;
import static org.realname.gateway.attack.Evidence.problem;
import static org.realname.gateway.attack.Evidence.resultsOf;
import static org.realname.gateway.attack.Evidence.sessionRow;
import static org.realname.gateway.attack.Evidence.sessionsOf;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.attack.Evidence.TrailMark;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The attacks whose defence lives in the database (one-time links, bindings, row locks, state
 * moves), run on H2 and on PostgreSQL: replays of the link and of the return, cross-session
 * requests, a cross-site consent POST, and open redirects through {@code return_url}. Each is
 * answered with a clear 4xx, changes no row, writes nothing on the audit trail but the refusal
 * itself, and logs no personal data or secret.
 */
public abstract class AttackContract {

    static final String NAME = "欧阳攻击";

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

    Api.Created newSession() {
        return Api.created(platform, Api.signup(TestIds.randomAccount(), NAME, idNumber));
    }

    static String linkToken(Api.Created c) {
        String path = URI.create(c.redirectUrl()).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    // ---- replays of the one-time link ----

    @Test
    void replay_oneTimeLink_inAnotherBrowser_isRefused_andChangesNothing() {
        Api.Created c = newSession();
        Api.Browser first = Api.open(c.redirectUrl());
        String before = sessionRow(dataSource, c.id());
        TrailMark mark = TrailMark.now(dataSource, sequencer);

        try (LogCapture log = LogCapture.start()) {
            Response page = given().accept(ContentType.HTML).redirects().follow(false).get(c.redirectUrl());
            errorPage(page.then(), 410, "link-used");
            assertNull(page.getCookie(Api.BINDING_COOKIE), "a replayed link sets no binding cookie");
            problem(given().accept(ContentType.JSON).redirects().follow(false).get(c.redirectUrl()).then(), 410, "link-used");
            log.assertClean(NAME, idNumber, linkToken(c), first.secret());
        }

        assertEquals(before, sessionRow(dataSource, c.id()));
        assertEquals(List.of(), mark.entriesAbout(c.id()));
        // The first browser still holds the session.
        given().cookie(Api.BINDING_COOKIE, first.secret()).get(first.path()).then().statusCode(200);
    }

    @Test
    void replay_oneTimeLink_afterTheVerificationFinished_isRefused() {
        Api.Created c = newSession();
        Api.completeFlow(c.redirectUrl(), "pass");
        String before = sessionRow(dataSource, c.id());
        TrailMark mark = TrailMark.now(dataSource, sequencer);

        try (LogCapture log = LogCapture.start()) {
            errorPage(given().accept(ContentType.HTML).redirects().follow(false).get(c.redirectUrl()).then(), 409,
                    "session-final");
            log.assertClean(NAME, idNumber, linkToken(c));
        }

        assertEquals(before, sessionRow(dataSource, c.id()));
        assertEquals(1, resultsOf(dataSource, c.id()));
        assertEquals(List.of(), mark.entriesAbout(c.id()));
    }

    @Test
    void replay_oneTimeLink_openedByManyBrowsersAtOnce_bindsExactlyOne() throws Exception {
        Api.Created c = newSession();
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return given().accept(ContentType.JSON).redirects().follow(false).get(c.redirectUrl());
            }));
        }
        start.countDown();
        int bound = 0;
        for (Future<Response> f : futures) {
            Response r = f.get();
            if (r.statusCode() == 303) {
                bound++;
                assertNotNull(r.getCookie(Api.BINDING_COOKIE));
            } else {
                problem(r.then(), 410, "link-used");
                assertNull(r.getCookie(Api.BINDING_COOKIE));
            }
        }
        pool.shutdown();
        assertEquals(1, bound, "exactly one browser is bound to the session");
    }

    // ---- replays of the return, and cross-session requests ----

    @Test
    void replay_return_fromAnotherBrowser_isRefused_andTheResultStaysOne() {
        Api.Created c = newSession();
        Api.Browser b = Api.open(c.redirectUrl());
        String returnUrl = Api.faceCapture(Api.consent(b), "pass");
        Api.assertRedirectStatus(Api.comeBack(b, returnUrl).then().statusCode(302).extract().header("Location"),
                c.id(), "PASSED");
        String before = sessionRow(dataSource, c.id());
        TrailMark mark = TrailMark.now(dataSource, sequencer);
        String path = URI.create(returnUrl).getPath();

        try (LogCapture log = LogCapture.start()) {
            errorPage(given().accept(ContentType.HTML).redirects().follow(false).get(path).then(), 403, "foreign-link");
            problem(given().accept(ContentType.JSON).redirects().follow(false)
                    .cookie(Api.BINDING_COOKIE, "A".repeat(43)).get(path).then(), 403, "foreign-link");
            log.assertClean(NAME, idNumber, b.secret());
        }

        assertEquals(before, sessionRow(dataSource, c.id()));
        assertEquals(1, resultsOf(dataSource, c.id()));
        assertEquals(List.of("BROWSER_REQUEST_REFUSED:no-cookie", "BROWSER_REQUEST_REFUSED:wrong-cookie"),
                mark.entriesAbout(c.id()));
    }

    @Test
    void crossSession_returnAndConsent_withAnotherSessionsCookie_areRefused_andTheVictimContinues() {
        Api.Created attacker = newSession();
        Api.Created victim = newSession();
        Api.Browser mine = Api.open(attacker.redirectUrl());
        Api.Browser theirs = Api.open(victim.redirectUrl());
        Map<String, String> rules = Api.shownRules(theirs);

        // Before consent: the attacker's cookie on the victim's consent form.
        String created = sessionRow(dataSource, victim.id());
        TrailMark mark = TrailMark.now(dataSource, sequencer);
        try (LogCapture log = LogCapture.start()) {
            errorPage(given().accept(ContentType.HTML).redirects().follow(false).cookie(Api.BINDING_COOKIE, mine.secret())
                    .formParams(rules).formParam("consent", "on").post(theirs.path() + "/consent").then(), 403,
                    "foreign-link");
            log.assertClean(NAME, idNumber, mine.secret(), theirs.secret());
        }
        assertEquals(created, sessionRow(dataSource, victim.id()));
        assertEquals(0, consentsOf(dataSource, victim.id()));
        assertEquals(List.of("BROWSER_REQUEST_REFUSED:wrong-cookie"), mark.entriesAbout(victim.id()));

        // At the provider: the attacker's cookie on the victim's return.
        String returnUrl = Api.faceCapture(Api.consent(theirs), "pass");
        String pending = sessionRow(dataSource, victim.id());
        TrailMark atProvider = TrailMark.now(dataSource, sequencer);
        try (LogCapture log = LogCapture.start()) {
            errorPage(given().accept(ContentType.HTML).redirects().follow(false).cookie(Api.BINDING_COOKIE, mine.secret())
                    .get(URI.create(returnUrl).getPath()).then(), 403, "foreign-link");
            log.assertClean(NAME, idNumber, mine.secret(), theirs.secret());
        }
        assertEquals(pending, sessionRow(dataSource, victim.id()));
        assertEquals("PENDING", Api.status(platform, victim.id()));
        assertEquals(0, resultsOf(dataSource, victim.id()));
        assertEquals(List.of("BROWSER_REQUEST_REFUSED:wrong-cookie"), atProvider.entriesAbout(victim.id()));
        assertEquals(List.of(), atProvider.entriesAbout(attacker.id()));

        // Nothing was used up: the victim's own browser finishes.
        Api.assertRedirectStatus(Api.comeBack(theirs, returnUrl).then().statusCode(302).extract().header("Location"),
                victim.id(), "PASSED");
        assertEquals("CREATED", Api.status(platform, attacker.id()));
    }

    // ---- CSRF on the consent form ----

    @Test
    void csrf_crossSiteConsentPost_isRefused_andRecordsNoConsent() {
        Api.Created c = newSession();
        Api.Browser b = Api.open(c.redirectUrl());
        Map<String, String> rules = Api.shownRules(b);
        String before = sessionRow(dataSource, c.id());
        TrailMark mark = TrailMark.now(dataSource, sequencer);
        String port = String.valueOf(RestAssured.port);

        try (LogCapture log = LogCapture.start()) {
            // An older browser that sends the cookie along: only Origin tells.
            errorPage(crossSiteConsent(b, rules).header("Origin", "https://evil.example").post(b.path() + "/consent").then(),
                    403, "cross-site-request");
            errorPage(crossSiteConsent(b, rules).header("Origin", "http://localhost.evil.example:" + port)
                    .post(b.path() + "/consent").then(), 403, "cross-site-request");
            // A current browser: the fetch metadata is decisive, whatever Origin says.
            errorPage(crossSiteConsent(b, rules).header("Sec-Fetch-Site", "cross-site").post(b.path() + "/consent").then(),
                    403, "cross-site-request");
            errorPage(crossSiteConsent(b, rules).header("Sec-Fetch-Site", "same-site")
                    .header("Origin", "http://localhost:" + port).post(b.path() + "/consent").then(), 403, "cross-site-request");
            problem(crossSiteConsent(b, rules).accept(ContentType.JSON).header("Origin", "https://evil.example")
                    .post(b.path() + "/consent").then(), 403, "cross-site-request");
            log.assertClean(NAME, idNumber, b.secret());
        }

        assertEquals(before, sessionRow(dataSource, c.id()));
        assertEquals("CREATED", Api.status(platform, c.id()));
        assertEquals(0, consentsOf(dataSource, c.id()));
        assertEquals(List.of(), mark.entriesAbout(c.id()));

        // The page's own form (same origin; "Origin: null" under its no-referrer policy) goes through.
        given().redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret()).formParams(rules)
                .formParam("consent", "on").header("Sec-Fetch-Site", "same-origin").header("Origin", "null")
                .post(b.path() + "/consent").then().statusCode(302);
        assertEquals("PENDING", Api.status(platform, c.id()));
    }

    private static io.restassured.specification.RequestSpecification crossSiteConsent(Api.Browser b,
            Map<String, String> rules) {
        return given().accept(ContentType.HTML).redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                .formParams(rules).formParam("consent", "on");
    }

    // ---- open redirects through return_url ----

    /**
     * {@code {port}} stands for the test port: the allowed origin is {@code http://localhost:{port}}.
     * Each value either names another host, hides one (user information, backslash, encoding,
     * fragment or query tricks), is not an absolute http(s) URL, or uses a look-alike host.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "https://evil.example/steal",
            "//evil.example/steal",
            "///evil.example/steal",
            "/\\evil.example/steal",
            "\\\\evil.example\\steal",
            "http:\\\\evil.example\\steal",
            "http://evil.example\\@localhost:{port}/demo/result",
            "http://localhost:{port}\\@evil.example/",
            "http://localhost:{port}@evil.example/",
            "http://attacker@localhost:{port}/demo/result",
            "http://evil.example#@localhost:{port}/demo/result",
            "http://evil.example?@localhost:{port}/demo/result",
            "http://localhost:{port}.evil.example/",
            "http://localhost.evil.example:{port}/",
            "http%3A%2F%2Fevil.example%2F",
            "http://%65vil.example/",
            "http://%6c%6f%63%61%6c%68%6f%73%74:{port}/demo/result",
            "http://ⅼocalhost:{port}/demo/result",
            "http://lоcаlhоst:{port}/demo/result",
            "http://xn--lcalhost-9jf:{port}/demo/result",
            "http://localhost%E3%80%82evil.example/",
            "http:/evil.example/steal",
            "https:evil.example/steal",
            "https://localhost:{port}/demo/result",
            "http://localhost/demo/result",
            "http://127.0.0.1:{port}/demo/result",
            " http://evil.example/",
            "http://localhost:{port}/demo/result\r\nLocation: https://evil.example/",
            "javascript:alert(document.domain)//http://localhost:{port}/",
            "data:text/html,<script>alert(1)</script>",
            "ftp://localhost:{port}/demo/result" })
    void openRedirect_throughReturnUrl_isRefused_andCreatesNothing(String template) {
        String returnUrl = template.replace("{port}", String.valueOf(RestAssured.port));
        String account = TestIds.randomAccount();
        Map<String, Object> body = Api.signup(account, NAME, idNumber);
        body.put("return_url", returnUrl);
        TrailMark mark = TrailMark.now(dataSource, sequencer);

        try (LogCapture log = LogCapture.start()) {
            problem(Api.create(platform, body).then(), 400, "return-url-not-allowed");
            log.assertClean(NAME, idNumber);
        }

        assertEquals(0, sessionsOf(dataSource, account));
        assertEquals(List.of(), mark.entries());
    }

    @Test
    void openRedirect_anOverlongReturnUrl_isRefused() {
        String account = TestIds.randomAccount();
        Map<String, Object> body = Api.signup(account, NAME, idNumber);
        body.put("return_url", Api.returnUrl() + "?x=" + "a".repeat(2100));
        problem(Api.create(platform, body).then(), 400, "return-url-not-allowed");
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void openRedirect_theFinalRedirect_goesOnlyToTheStoredReturnUrl() {
        // Percent-encoded CR/LF on the allowed origin is a legal URL: it must stay encoded in
        // one Location header, never become a second header.
        Map<String, Object> body = Api.signup(TestIds.randomAccount(), NAME, idNumber);
        body.put("return_url", Api.returnUrl() + "?next=%0d%0aSet-Cookie:%20injected=1");
        Api.Created c = Api.created(platform, body);
        Api.Browser b = Api.open(c.redirectUrl());
        Response back = Api.comeBack(b, Api.faceCapture(Api.consent(b), "pass"));
        back.then().statusCode(302);
        assertEquals(1, back.headers().getValues("Location").size());
        String location = back.header("Location");
        assertTrue(location.startsWith(Api.returnUrl() + "?next=%0d%0aSet-Cookie:%20injected=1&verification_id="),
                location);
        assertNull(back.getCookie("injected"));
        assertTrue(back.headers().getValues("Set-Cookie").stream().noneMatch(h -> h.contains("injected")));
    }
}
