package org.realname.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The guardian's part of the consent page in real headless Chromium at phone width (same set-up
 * as {@link BrowserFlowTest}): the browser will not submit without the guardian's fields, and
 * with them the child goes on to the provider with the guardian's declaration on record.
 */
@QuarkusTest
class GuardianConsentPageTest {

    static final String CHILD = "李小明";
    static final String GUARDIAN = "李大山";

    @Inject
    DataSource dataSource;

    private WebDriver driver;
    private ChromeDriverService service;
    private Path profile;

    @BeforeAll
    static void browserIsInstalled() {
        if (!Files.isExecutable(Path.of(BrowserFlowTest.CHROMEDRIVER)) || !Files.isExecutable(Path.of(BrowserFlowTest.CHROMIUM))) {
            fail("chromium and chromium-driver are needed (apt-get install -y chromium chromium-driver)");
        }
        System.setProperty("webdriver.chrome.driver", BrowserFlowTest.CHROMEDRIVER);
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }

    @Test
    void childsConsentPage_needsTheGuardiansFields_thenGoesToTheProvider() {
        String platform = Api.token("platform");
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), CHILD, tenYearOld()));
        WebDriver browser = newBrowser();
        browser.get(created.redirectUrl());
        new WebDriverWait(browser, BrowserFlowTest.WAIT).until(ExpectedConditions.urlContains("/verify/" + created.id()));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertTrue(browser.findElement(By.id("guardian")).isDisplayed(), "the guardian's part is shown");
        assertNoHorizontalOverflow(js);

        // Only the person's own tick: the browser refuses to submit, nothing leaves the page.
        browser.findElement(By.name("consent")).click();
        js.executeScript("window.__stillHere = true;");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertEquals(Boolean.TRUE, js.executeScript("return window.__stillHere === true;"));
        assertEquals(Boolean.TRUE, js.executeScript("return document.querySelector('input[name=guardian_name]').validity.valueMissing;"));
        assertEquals("CREATED", Api.status(platform, created.id()));

        org.realname.gateway.support.PersonalValues.remember(GUARDIAN);
        browser.findElement(By.name("guardian_name")).sendKeys(GUARDIAN);
        new Select(browser.findElement(By.name("guardian_relation"))).selectByValue("parent");
        browser.findElement(By.name("guardian_consent")).click();
        browser.findElement(By.cssSelector("form button[type=submit]")).click();

        new WebDriverWait(browser, BrowserFlowTest.WAIT).until(ExpectedConditions.urlContains("/sandbox/face"));
        assertEquals("parent", Db.string(dataSource, "SELECT guardian_relation FROM consent_record WHERE session_id = ?", created.id()));
        assertFalse(browser.getPageSource().contains(GUARDIAN));
    }

    private static String tenYearOld() {
        LocalDate birth = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusYears(10).minusDays(20);
        String first17 = "110101" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + "321";
        return first17 + IdNumber.checkCharacter(first17);
    }

    private static void assertNoHorizontalOverflow(JavascriptExecutor js) {
        long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).longValue();
        long innerWidth = ((Number) js.executeScript("return window.innerWidth;")).longValue();
        assertTrue(scrollWidth <= innerWidth, "the guardian's form scrolls sideways: " + scrollWidth + " > " + innerWidth);
    }

    private WebDriver newBrowser() {
        try {
            profile = Files.createTempDirectory("rngw-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserFlowTest.CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + BrowserFlowTest.PHONE_WIDTH + "," + BrowserFlowTest.PHONE_HEIGHT,
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", BrowserFlowTest.PHONE_WIDTH,
                "height", BrowserFlowTest.PHONE_HEIGHT, "pixelRatio", 2.0, "mobile", true, "touch", true)));
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(BrowserFlowTest.CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(BrowserFlowTest.WAIT);
        return driver;
    }
}
