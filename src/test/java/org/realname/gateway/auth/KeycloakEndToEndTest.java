package org.realname.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.identity.Masking;
import org.realname.gateway.recipes.Recipes;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.KeycloakServer;
import org.realname.gateway.support.TestIds;
import org.realname.gateway.tenant.TenantIsolationContract;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * The gateway with a real Keycloak (26.5.6, the realm of {@code config/keycloak/}) as its only
 * identity provider: platforms' client-credentials tokens, a second platform as a second
 * tenant, the person's own token, the auditor console's sign-in on Keycloak's login page in
 * headless Chromium, refused tokens, and Keycloak going away while the gateway keeps verifying
 * with the keys it already has.
 */
@QuarkusTest
@TestProfile(KeycloakGateway.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakEndToEndTest {

    static final String NAME = "欧阳娜娜";
    static final String PROBLEM = "application/problem+json";
    static final String MISSING = "0123456789abcdef0123456789abcdef";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";
    static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;
    @Inject
    DataSource dataSource;
    @Inject
    AuditSequencer sequencer;

    final KeycloakServer keycloak = KeycloakServer.shared();
    final String account = KeycloakServer.PERSON1_ACCOUNT_ID;
    final String idNumber = TestIds.random();
    String tokenA;
    Api.Created session;

    /** Once per class, before the first test (RestAssured knows the HTTP port only then). */
    @BeforeEach
    void platformA_verifiesThePersonsAccount() {
        if (session != null) {
            return;
        }
        tokenA = keycloak.clientCredentialsToken(KeycloakServer.PLATFORM_A, KeycloakServer.PLATFORM_A_SECRET);
        session = Api.created(tokenA, Api.signup(account, NAME, idNumber));
        Api.assertRedirectStatus(Api.completeFlow(session.redirectUrl(), "pass"), session.id(), "PASSED");
    }

    @Test
    @Order(1)
    void platformsClientCredentialsToken_createsAndFinishesAVerification() {
        assertEquals("PASSED", Api.status(tokenA, session.id()));
        given().auth().oauth2(tokenA).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(true))
                .body("name", equalTo(Masking.name(NAME)))
                .body("id_number", equalTo(Masking.idNumber(idNumber)));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ? AND tenant_id = ?",
                session.id(), KeycloakGateway.TENANT_A), "the result belongs to platform-a's tenant");
    }

    @Test
    @Order(2)
    void secondPlatform_isASecondTenant_andSeesNothingOfTheFirst() {
        String tokenB = keycloak.clientCredentialsToken(KeycloakServer.PLATFORM_B, KeycloakServer.PLATFORM_B_SECRET);
        TenantIsolationContract.sameNotFound(given().auth().oauth2(tokenB).get("/api/v1/verifications/" + MISSING),
                given().auth().oauth2(tokenB).get("/api/v1/verifications/" + session.id()), "verification-not-found");
        TenantIsolationContract.sameNotFound(given().auth().oauth2(tokenB).get("/api/v1/verifications/" + MISSING + "/receipt"),
                given().auth().oauth2(tokenB).get("/api/v1/verifications/" + session.id() + "/receipt"),
                "verification-not-found");
        given().auth().oauth2(tokenB).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(false));
        problem(Api.create(tokenB, Api.reverify(account)).then(), 409, "account-not-verified");
        sequencer.drain(Duration.ofSeconds(10));
        // Keycloak names a client's service account "service-account-<client id>".
        assertTrue(Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'ACCESS_REFUSED' "
                + "AND record_type = 'verification_session' AND record_id = ? AND actor = ?",
                session.id(), "service-account-" + KeycloakServer.PLATFORM_B) >= 2,
                () -> "platform-b's reads of platform-a's session are on the trail as refused: " + Db.string(dataSource,
                        "SELECT LISTAGG(event_type || '/' || actor || '/' || COALESCE(outcome, ''), ', ') FROM audit_event "
                                + "WHERE record_id = ?", session.id()));
        // The first platform still reads its own, unchanged.
        assertEquals("PASSED", Api.status(tokenA, session.id()));
    }

    @Test
    @Order(3)
    void personsOwnToken_readsTheirVerifications() {
        String person = keycloak.passwordToken(KeycloakServer.PERSON1);
        Response history = given().auth().oauth2(person).get("/api/v1/me/verifications");
        history.then().statusCode(200)
                .body("account_id", equalTo(account));
        List<Map<String, Object>> entries = history.path("verifications");
        Map<String, Object> mine = entries.stream().filter(e -> session.id().equals(e.get("verification_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("the person's history lists the verification"));
        assertEquals("PASS", mine.get("outcome"));
        assertEquals(Masking.name(NAME), mine.get("name"));
        assertFalse(history.asString().contains(NAME), "masked only");
    }

    @Test
    @Order(4)
    void auditor_signsIntoTheConsole_onKeycloaksLoginPage_andSeesTheMaskedResult() throws IOException {
        assertBrowserInstalled();
        Path profile = Files.createTempDirectory("rngw-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath());
        String resultId = Db.string(dataSource, "SELECT id FROM verification_result WHERE session_id = ?", session.id());
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.manage().timeouts().pageLoadTimeout(WAIT);
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            browser.get(url("/audit/console?view=results&account=" + account));
            // Not signed in: the gateway sends the browser to Keycloak's login page.
            try {
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("no login page at " + browser.getCurrentUrl() + ": "
                        + browser.getPageSource().substring(0, Math.min(1500, browser.getPageSource().length())), e);
            }
            assertTrue(browser.getCurrentUrl().startsWith(keycloak.issuerUrl() + "/protocol/openid-connect/auth"),
                    "Keycloak's login page");
            assertTrue(browser.getCurrentUrl().contains("code_challenge_method=S256"), "the code flow uses PKCE");
            browser.findElement(By.id("username")).sendKeys(KeycloakServer.AUDITOR1.username());
            browser.findElement(By.id("password")).sendKeys(KeycloakServer.AUDITOR1.password());
            browser.findElement(By.id("kc-login")).click();
            try {
                wait.until(d -> d.getCurrentUrl().startsWith(url("/audit/console")) && d.getPageSource().contains(resultId)
                        ? true : null);
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("not back on the console: " + browser.getCurrentUrl() + ": "
                        + browser.findElement(By.tagName("body")).getText(), e);
            }
            String page = browser.getPageSource();
            assertTrue(page.contains(Masking.name(NAME)), "the masked name is shown");
            assertTrue(page.contains(Masking.idNumber(idNumber)), "the masked ID number is shown");
            assertFalse(page.contains(NAME), "never the name");
            assertFalse(page.contains(idNumber), "never the ID number");
            assertTrue(page.contains(KeycloakServer.AUDITOR1.username()), "the console names the signed-in auditor");
            assertFalse(browser.getCurrentUrl().contains("code="), "the code is not left in the address bar");
        } finally {
            browser.quit();
            service.stop();
            deleteTree(profile);
        }
        sequencer.drain(Duration.ofSeconds(10));
        assertTrue(Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE actor = ?",
                KeycloakServer.AUDITOR1.username()) >= 1, "the auditor's reading is on the trail under their name");
    }

    @Test
    @Order(5)
    void wrongRole_isForbidden() {
        String person = keycloak.passwordToken(KeycloakServer.PERSON1);
        String nobody = keycloak.passwordToken(KeycloakServer.NOBODY1);
        problem(Api.create(person, Api.signup("kc-" + TestIds.randomAccount(), NAME, TestIds.random())).then(), 403,
                "forbidden");
        problem(given().auth().oauth2(nobody).get("/api/v1/audit/results").then(), 403, "forbidden");
        problem(given().auth().oauth2(tokenA).get("/api/v1/audit/results").then(), 403, "forbidden");
        problem(given().auth().oauth2(nobody).get("/api/v1/me/verifications").then(), 403, "forbidden");
    }

    @Test
    @Order(6)
    void expired_wrongAudience_andForeignIssuerTokens_areUnauthenticated() throws Exception {
        // Foreign issuer: Keycloak's own master realm, other keys.
        problem(Api.create(keycloak.masterAdminToken(), Api.signup("kc-" + TestIds.randomAccount(), NAME, TestIds.random()))
                .then(), 401, "unauthenticated");
        // Right issuer and keys, a role, but not for this gateway: the realm's admin-cli has no
        // audience mapper.
        String noAudience = token(keycloak.tokenRequest(Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", KeycloakServer.AUDITOR1.username(), "password", KeycloakServer.AUDITOR1.password())).body());
        assertFalse(KeycloakServer.claims(noAudience).path("aud").toString().contains(KeycloakServer.AUDIENCE));
        assertEquals(keycloak.issuerUrl(), KeycloakServer.claims(noAudience).path("iss").asText(), "the gateway's issuer");
        problem(given().auth().oauth2(noAudience).get("/api/v1/audit/results").then(), 401, "unauthenticated");
        // Expired: a token of a client whose tokens live one second, presented after that.
        String expired = shortLivedToken();
        long exp = KeycloakServer.claims(expired).path("exp").asLong();
        while (Instant.now().getEpochSecond() <= exp + 1) {
            Thread.sleep(250);
        }
        problem(given().auth().oauth2(expired).get("/api/v1/audit/results").then(), 401, "unauthenticated");
        // The same user's fresh token passes, so it was the expiry.
        given().auth().oauth2(keycloak.passwordToken(KeycloakServer.AUDITOR1)).get("/api/v1/audit/results").then()
                .statusCode(200);
    }

    @Test
    @Order(7)
    void keycloakStopped_cachedKeysKeepVerifying_andReadinessSaysWhatIsDown() {
        String auditor = keycloak.passwordToken(KeycloakServer.AUDITOR1);
        JsonNode ready = readiness();
        assertEquals(true, check(ready, IdentityProviderHealthCheck.NAME).path("data").path("reachable").asBoolean(false));
        keycloak.stop();
        try {
            Api.Created another = Api.created(tokenA, Api.signup("kc-" + TestIds.randomAccount(), NAME, TestIds.random()));
            assertEquals("CREATED", Api.status(tokenA, another.id()));
            given().auth().oauth2(auditor).get("/api/v1/audit/results").then().statusCode(200);
            JsonNode down = readiness();
            JsonNode idp = check(down, IdentityProviderHealthCheck.NAME);
            assertEquals(false, idp.path("data").path("reachable").asBoolean(true), down.toString());
            assertTrue(idp.path("data").path("problem").asText().startsWith("unreachable"), down.toString());
            assertTrue(idp.path("data").has("since"), down.toString());
            assertEquals("UP", down.path("status").asText(), "still ready: valid tokens are still verified");
            assertTrue(given().get("/q/metrics").then().statusCode(200).extract().asString()
                    .contains("gateway_identity_provider_up 0.0"), "the gauge operators alert on");
        } finally {
            keycloak.start();
        }
        assertEquals(true, check(readiness(), IdentityProviderHealthCheck.NAME).path("data").path("reachable").asBoolean(false));
    }

    @Test
    @Order(8)
    void operationsDoc_showsTheConsoleSettingsThisTestRuns() throws IOException {
        Recipes.assertDocShowsTheFile("docs/operations.md", KeycloakGateway.CONSOLE_CODE_FLOW.toString());
    }

    // --- helpers ---

    private String shortLivedToken() {
        JsonNode client = keycloak.adminGet("clients?clientId=" + KeycloakServer.TEST_CLIENT).get(0);
        String path = "clients/" + client.path("id").asText();
        keycloak.adminPut(path, "{\"attributes\":{\"access.token.lifespan\":\"1\"}}");
        try {
            return keycloak.passwordToken(KeycloakServer.AUDITOR1);
        } finally {
            keycloak.adminPut(path, "{\"attributes\":{\"access.token.lifespan\":\"300\"}}");
        }
    }

    private static String token(String tokenResponse) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(tokenResponse).path("access_token").asText();
        } catch (IOException e) {
            throw new AssertionError(tokenResponse, e);
        }
    }

    private static JsonNode readiness() {
        String body = given().get("/q/health/ready").then().extract().asString();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.path("checks")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no check '" + name + "' in " + health);
    }

    static void problem(ValidatableResponse r, int status, String slug) {
        r.statusCode(status).contentType(containsString(PROBLEM))
                .body("type", equalTo("https://realname-gateway.dev/problems/" + slug))
                .body("status", equalTo(status));
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static void assertBrowserInstalled() {
        if (!Files.isExecutable(Path.of(CHROMEDRIVER)) || !Files.isExecutable(Path.of(CHROMIUM))) {
            fail(CHROMEDRIVER + " or " + CHROMIUM + " is missing: apt-get install -y chromium chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder").setLevel(Level.SEVERE);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
