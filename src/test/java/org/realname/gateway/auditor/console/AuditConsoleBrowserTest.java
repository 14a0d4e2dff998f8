package org.realname.gateway.auditor.console;

import static io.restassured.RestAssured.given;
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
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.realname.gateway.identity.Masking;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver, as in
 * BrowserFlowTest): sign in with a token, browse and filter, page on, run the chain check,
 * and follow an export link; names and ID numbers only masked, nothing personal in URLs.
 */
@QuarkusTest
class AuditConsoleBrowserTest {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String NAME = "欧阳娜娜";
    private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    @TestHTTPResource("/")
    URL base;
    @Inject
    DataSource dataSource;

    private WebDriver browser;
    private ChromeDriverService service;
    private Path profile;

    @BeforeAll
    static void browserIsInstalled() {
        if (!Files.isExecutable(Path.of(CHROMEDRIVER)) || !Files.isExecutable(Path.of(CHROMIUM))) {
            fail(CHROMEDRIVER + " or " + CHROMIUM + " is missing: apt-get install -y chromium chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        CDP_VERSION_LOG.setLevel(Level.SEVERE);
    }

    @AfterEach
    void quit() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void anAuditor_signsIn_browsesFiltersPagesExports_andChecksTheChain() {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        String idNumber = TestIds.random();
        Api.completeFlow(Api.created(platform, Api.signup(account, NAME, idNumber)).redirectUrl(), "pass");
        Api.completeFlow(Api.created(platform, Api.reverify(account)).redirectUrl(), "fail");
        String subject = "chromium-" + Long.toHexString(System.nanoTime());
        String token = Api.token(subject, "auditor");

        browser = newBrowser();
        browser.get(url("/audit/console"));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/audit/console/sign-in"));
        browser.findElement(By.name("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("apply")));
        Cookie cookie = browser.manage().getCookieNamed(ConsoleCookie.NAME);
        assertTrue(cookie.isHttpOnly(), "the token cookie is HttpOnly");
        assertEquals("Strict", cookie.getSameSite());
        assertEquals(Boolean.TRUE, ((ChromeDriver) browser).executeScript(
                "return !document.cookie.includes('" + ConsoleCookie.NAME + "');"), "scripts cannot read the token");

        // The results of one account, one per page.
        browser.findElement(By.id("nav-results")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.name("status")));
        type("account", account);
        type("limit", "1");
        browser.findElement(By.id("apply")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("account=" + account));
        List<WebElement> rows = browser.findElements(By.cssSelector("#results tbody tr"));
        assertEquals(1, rows.size());
        assertEquals(Masking.name(NAME), rows.get(0).findElement(By.cssSelector(".name")).getText());
        assertEquals(Masking.idNumber(idNumber), rows.get(0).findElement(By.cssSelector(".id-number")).getText());
        assertTrue(rows.get(0).getText().contains("SIGNUP"), rows.get(0).getText());
        assertNoPlainIdentity(idNumber);

        browser.findElement(By.id("next")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("after="));
        rows = browser.findElements(By.cssSelector("#results tbody tr"));
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).getText().contains("REVERIFY"), rows.get(0).getText());
        assertTrue(browser.findElements(By.id("next")).isEmpty(), "the last page has no next link");
        assertNoPlainIdentity(idNumber);

        // The export link carries the filters and downloads with the same sign-in.
        String csvHref = browser.findElement(By.id("export-csv")).getDomAttribute("href");
        assertTrue(csvHref.contains("account=" + account) && csvHref.contains("format=csv"), csvHref);
        String csv = given().cookie(ConsoleCookie.NAME, token).get(url(csvHref)).then().statusCode(200)
                .extract().asString();
        assertEquals(3, csv.split("\r\n").length, csv);

        // The trail of the account, filtered by event type.
        browser.findElement(By.id("nav-events")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.name("event_type")));
        type("account", account);
        type("event_type", "SESSION_FINISHED");
        browser.findElement(By.id("apply")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("event_type=SESSION_FINISHED"));
        List<WebElement> events = browser.findElements(By.cssSelector("#events tbody tr .type"));
        assertEquals(2, events.size());
        events.forEach(e -> assertEquals("SESSION_FINISHED", e.getText()));

        browser.findElement(By.id("verify")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("chain-result")));
        assertTrue(browser.findElement(By.id("chain-result")).getText().startsWith("Intact"),
                browser.findElement(By.id("chain-result")).getText());

        // Every page shown was a read: trail after sign-in, results, filtered, next page, trail, filtered.
        assertEquals(6, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE actor = ? "
                + "AND event_type = 'AUDIT_QUERIED'", subject));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE actor = ? "
                + "AND event_type = 'AUDIT_VERIFIED'", subject));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE actor = ? "
                + "AND event_type = 'EXPORT'", subject));
    }

    private void assertNoPlainIdentity(String idNumber) {
        String page = browser.getPageSource();
        assertFalse(page.contains(NAME) || page.contains(idNumber), "no plain identity on the page");
        assertFalse(browser.getCurrentUrl().contains(idNumber), "no personal data in the URL");
    }

    private void type(String field, String value) {
        WebElement input = browser.findElement(By.name(field));
        input.clear();
        input.sendKeys(value);
    }

    private WebDriver newBrowser() {
        try {
            profile = Files.createTempDirectory("rngw-console-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return driver;
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
