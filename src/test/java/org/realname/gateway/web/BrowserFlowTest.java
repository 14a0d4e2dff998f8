package org.realname.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The browser pages in a real browser: headless Debian Chromium at phone width, driven by its
 * chromedriver. Nothing is downloaded: the driver and the browser are the Debian packages
 * ({@code chromium}, {@code chromium-driver}), which .ci/run installs when missing.
 */
@QuarkusTest
class BrowserFlowTest {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String NAME = "张三";
    static final String MASKED_NAME = "张*";
    static final String RULES_VERSION = "2026.12-1";

    @TestHTTPResource("/")
    URL base;

    /** Kept so the level sticks: Debian's Chromium is newer than Selenium's CDP bindings, which WebDriver does not use. */
    private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final List<WebDriver> drivers = new ArrayList<>();
    private final List<ChromeDriverService> services = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    @BeforeAll
    static void browserIsInstalled() {
        // Fail, never skip: CI installs both (see .ci/run); a skipped page test would hide a broken install.
        if (!Files.isExecutable(Path.of(CHROMEDRIVER)) || !Files.isExecutable(Path.of(CHROMIUM))) {
            fail(CHROMEDRIVER + " or " + CHROMIUM + " is missing: install Debian's browser with "
                    + "`apt-get install -y chromium chromium-driver` (.ci/run does this in CI)");
        }
        // An explicit driver and browser keep Selenium Manager from trying to download either.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        CDP_VERSION_LOG.setLevel(Level.SEVERE);
    }

    @AfterEach
    void quitBrowsers() {
        for (WebDriver d : drivers) {
            try {
                d.quit();
            } catch (RuntimeException e) {
                // keep quitting the others
            }
        }
        drivers.clear();
        for (ChromeDriverService s : services) {
            s.stop();
        }
        services.clear();
        for (Path p : profiles) {
            deleteTree(p);
        }
        profiles.clear();
    }

    @Test
    void demo_signup_passes_andTheResultShowsOnlyTheMaskedName() {
        WebDriver browser = newBrowser();
        startOnTheDemo(browser);

        WebElement consent = browser.findElement(By.name("consent"));
        assertFalse(consent.isSelected());
        consent.click();
        submit(browser);

        faceCapture(browser, "pass");

        assertEquals("PASSED", browser.findElement(By.cssSelector(".status")).getText());
        String page = browser.getPageSource();
        assertTrue(page.contains(MASKED_NAME), "the result shows the masked name");
        assertFalse(page.contains(NAME), "the result page never shows the full name");
    }

    @Test
    void demo_signup_fails_andTheResultSaysFailed() {
        WebDriver browser = newBrowser();
        startOnTheDemo(browser);

        browser.findElement(By.name("consent")).click();
        submit(browser);

        faceCapture(browser, "fail");

        WebElement status = browser.findElement(By.cssSelector(".status"));
        assertEquals("FAILED", status.getText());
        assertTrue(status.getDomAttribute("class").contains("FAILED"), status.getDomAttribute("class"));
        assertFalse(browser.getPageSource().contains(NAME), "the result page never shows the full name");
    }

    @Test
    void oneTimeLink_openedInASecondBrowser_showsTheUsedLinkPage() {
        String platform = Api.token("platform");
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), NAME, TestIds.random()));

        WebDriver first = newBrowser();
        first.get(created.redirectUrl());
        new WebDriverWait(first, WAIT).until(ExpectedConditions.urlContains("/verify/" + created.id()));
        assertTrue(first.findElements(By.name("consent")).size() == 1, "the first browser gets the consent page");

        WebDriver second = newBrowser();
        second.get(created.redirectUrl());
        String page = second.getPageSource();
        assertTrue(page.contains("链接已被使用"), "the second browser is told the link was used:\n" + page);
        assertTrue(second.findElements(By.name("consent")).isEmpty(), "no consent form for the second browser");
        assertFalse(page.contains(NAME));
    }

    @Test
    void consentPage_fitsAPhone_withoutHorizontalScrolling() throws IOException {
        String platform = Api.token("platform");
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), NAME, TestIds.random()));
        WebDriver browser = newBrowser();
        browser.get(created.redirectUrl());
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/verify/" + created.id()));
        JavascriptExecutor js = (JavascriptExecutor) browser;

        long innerWidth = ((Number) js.executeScript("return window.innerWidth;")).longValue();
        assertTrue(innerWidth <= PHONE_WIDTH, "the window is phone-sized: innerWidth " + innerWidth);
        assertNoHorizontalOverflow(js, "consent page");
        // The English rules are folded away; unfolded they must fit as well.
        browser.findElement(By.cssSelector("details summary")).click();
        assertNoHorizontalOverflow(js, "consent page with the English rules open");
        browser.findElement(By.cssSelector("details summary")).click();

        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve("consent.png"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(dir.resolve("consent.png")) > 1000, "a real screenshot was written");
    }

    // --- steps ---

    /** Demo page → form with a fresh account → the consent page, checked on the way. */
    private void startOnTheDemo(WebDriver browser) {
        browser.get(url("/demo"));
        type(browser, "account_id", TestIds.randomAccount());
        type(browser, "name", NAME);
        type(browser, "id_number", TestIds.random());
        browser.findElement(By.cssSelector("form[action='/demo/start'] button[type=submit]")).click();

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlMatches("/verify/[^/?#]+$"));
        String consentUrl = browser.getCurrentUrl();
        assertEquals(URI.create(url("/")).getPort(), URI.create(consentUrl).getPort());
        String text = browser.findElement(By.tagName("body")).getText();
        assertTrue(text.contains(RULES_VERSION), "the rules version is visible:\n" + text);
        assertTrue(text.contains(MASKED_NAME), "the masked name is shown:\n" + text);
        assertFalse(browser.getPageSource().contains(NAME), "the consent page never shows the full name");

        // Without the tick the browser refuses to submit (the checkbox is required): no navigation.
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.__stillHere = true;");
        submit(browser);
        sleep(Duration.ofMillis(700));
        assertEquals(consentUrl, browser.getCurrentUrl());
        assertEquals(Boolean.TRUE, js.executeScript("return window.__stillHere === true;"),
                "the page was not reloaded or left");
        assertEquals(Boolean.TRUE,
                js.executeScript("return document.querySelector('input[name=consent]').validity.valueMissing;"));
    }

    /** Consent submitted: through the sandbox provider to its face page, press a button, back to the demo result. */
    private void faceCapture(WebDriver browser, String outcome) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/sandbox/face"));
        assertTrue(browser.getCurrentUrl().contains("certify_id="), browser.getCurrentUrl());
        browser.findElement(By.cssSelector("button[name=outcome][value=" + outcome + "]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains(Api.DEMO_RETURN));
        URI result = URI.create(browser.getCurrentUrl());
        assertEquals(Api.DEMO_RETURN, result.getPath());
        assertTrue(Api.query(result, "verification_id") != null, result.toString());
    }

    private static void submit(WebDriver browser) {
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    private static void type(WebDriver browser, String field, String value) {
        WebElement input = browser.findElement(By.name(field));
        input.clear();
        input.sendKeys(value);
        assertEquals(value, input.getDomProperty("value"));
    }

    private static void assertNoHorizontalOverflow(JavascriptExecutor js, String what) {
        long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).longValue();
        long innerWidth = ((Number) js.executeScript("return window.innerWidth;")).longValue();
        assertTrue(scrollWidth <= innerWidth,
                what + " scrolls sideways: scrollWidth " + scrollWidth + " > innerWidth " + innerWidth);
    }

    // --- browser ---

    private WebDriver newBrowser() {
        Path profile;
        try {
            profile = Files.createTempDirectory("rngw-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + PHONE_WIDTH + "," + PHONE_HEIGHT,
                "--user-data-dir=" + profile.toAbsolutePath());
        // Desktop Chrome will not make a window narrower than 500 px, so the phone comes from
        // ChromeDriver's mobile emulation: a 390 px wide viewport that honours the viewport meta tag.
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT, "pixelRatio", 2.0, "mobile", true, "touch", true)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        services.add(service);
        ChromeDriver driver = new ChromeDriver(service, options);
        drivers.add(driver);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return driver;
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
