package org.realname.gateway.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A new rules version deployed while a user reads the old one (another instance's deployment,
 * an edit of the file): the running gateway picks it up without a restart, refuses the form
 * that showed the old version without calling the provider, and shows the new rules instead.
 */
@QuarkusTest
@TestProfile(ConsentRulesReloadTest.TempRulesProfile.class)
class ConsentRulesReloadTest {

    static final String NEW_VERSION = "2027.01-1";

    /** Serves the rules from a temporary copy of the shipped file, which the test then replaces. */
    public static final class TempRulesProfile implements QuarkusTestProfile {

        /** A fixed path: the profile and the test class are loaded by different class loaders. */
        static final Path FILE = Path.of("target", "test-rules", "face-rules.json");

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(FILE.getParent());
                Files.copy(Path.of("config", "face-rules.json"), FILE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("gateway.consent.rules-file", FILE.toString());
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    ConsentRules rules;

    @Test
    void aNewVersion_appliesAtOnce_andTheOldFormIsRefused_withTheNewRulesShown() throws IOException {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(c.redirectUrl());
        Map<String, String> shownBefore = Api.shownRules(b);
        String oldVersion = shownBefore.get("rules_version");

        deployNewVersion();

        // An API client gets problem+json; nothing is recorded and the provider is not called.
        given().redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret()).formParams(shownBefore)
                .formParam("consent", "on").post(b.path() + "/consent")
                .then().statusCode(409).contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://realname-gateway.dev/problems/rules-changed"))
                .body("detail", containsString(NEW_VERSION));
        // The browser gets the new rules to consent to.
        given().accept(ContentType.HTML).redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                .formParams(shownBefore).formParam("consent", "on").post(b.path() + "/consent")
                .then().statusCode(409).contentType(containsString("text/html"))
                .body(containsString("id=\"rules-changed\""))
                .body(containsString("name=\"rules_version\" value=\"" + NEW_VERSION + "\""))
                .body(containsString("第六条 新增条款"))
                .body(not(containsString("name=\"rules_version\" value=\"" + oldVersion + "\"")));
        assertEquals("CREATED", Api.status(platform, c.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM consent_record WHERE session_id = ?", c.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM sandbox_certification WHERE outer_order_no = ?", c.id()));

        // Consent to the new rules goes through and is recorded against them.
        Api.consent(b);
        assertEquals(NEW_VERSION, Db.string(dataSource, "SELECT rules_version FROM consent_record WHERE session_id = ?", c.id()));
        assertEquals("2027-01-01", Db.string(dataSource,
                "SELECT CAST(rules_effective_date AS VARCHAR(10)) FROM consent_record WHERE session_id = ?", c.id()));
        assertEquals(rules.current().digest(), Db.string(dataSource, "SELECT rules_digest FROM consent_record WHERE session_id = ?", c.id()));
        assertEquals(NEW_VERSION, Db.string(dataSource,
                "SELECT outcome FROM audit_event WHERE record_id = ? AND event_type = 'SESSION_CONSENTED'", c.id()));
    }

    private static void deployNewVersion() throws IOException {
        Path file = TempRulesProfile.FILE;
        String text = Files.readString(file, StandardCharsets.UTF_8)
                .replaceFirst("\"version\": \"[^\"]+\"", "\"version\": \"" + NEW_VERSION + "\"")
                .replaceFirst("\"effective_date\": \"[^\"]+\"", "\"effective_date\": \"2027-01-01\"")
                .replace("5. 未满十四周岁", "6. 第六条 新增条款。\\n5. 未满十四周岁");
        FileTime before = Files.getLastModifiedTime(file);
        // Written to a temporary file and moved over the old one, as a deployment should.
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), text, StandardCharsets.UTF_8);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        // Coarse file-system clocks: make sure the change is visible as a new modification time.
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(5).isAfter(Instant.now())
                ? before.toInstant().plusSeconds(5) : Instant.now()));
    }
}
