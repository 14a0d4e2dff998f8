package org.realname.gateway.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;
import org.realname.gateway.support.WebhookReceiver;
import org.realname.gateway.webhook.RulesAnnouncer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * New rules versions deployed while the gateway runs (another instance's deployment, an edit of
 * the file): a version announced for a later date waits for it, is served beside the one in force
 * and announced to the platforms once; a version whose date has come applies without a restart,
 * the form that showed the old version is refused without calling the provider, the new rules are
 * shown, and a person who agreed to an earlier version is told what changed.
 */
@QuarkusTest
@TestProfile(ConsentRulesReloadTest.TempRulesProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsentRulesReloadTest {

    static final String SHIPPED_VERSION = "2026.12-1";
    static final String NEXT_VERSION = "2027.06-1";
    static final String NEW_VERSION = "2027.01-1";
    static final ObjectMapper JSON = new ObjectMapper();

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
            // The test announces by hand; the scheduled announcement would race it.
            return Map.of("gateway.consent.rules-file", FILE.toString(), "gateway.consent.announce-interval", "off");
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    ConsentRules rules;
    @Inject
    RulesAnnouncer announcer;

    @Test
    @Order(1)
    void anAnnouncedVersion_waitsForItsDate_isServedWithItsDigest_andAnnouncedOnce() throws IOException {
        String platform = Api.tenantToken("rules-ann", "platform-ann", "platform");
        String other = Api.tenantToken("rules-ann", "platform-quiet", "platform");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            given().auth().oauth2(platform).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "events", List.of("consent.rules_upcoming"))).post("/api/v1/webhooks")
                    .then().statusCode(201);
            given().auth().oauth2(other).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "events", List.of("verification.passed"))).post("/api/v1/webhooks")
                    .then().statusCode(201);
            LocalDate later = LocalDate.now(MinorRules.CHINA).plusDays(30);
            deploy(NEXT_VERSION, later, "7. 第七条 预告条款。");

            // Still the shipped version for consent; the next one is served beside it.
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            assertEquals(SHIPPED_VERSION, Api.shownRules(Api.open(c.redirectUrl())).get("rules_version"));
            assertEquals(SHIPPED_VERSION, rules.current().version());
            given().auth().oauth2(platform).get("/api/v1/consent/rules").then().statusCode(200)
                    .body("in_force.version", equalTo(SHIPPED_VERSION))
                    .body("in_force.digest", equalTo(rules.current().digest()))
                    .body("in_force.provider", containsString("支付宝"))
                    .body("upcoming.version", equalTo(NEXT_VERSION))
                    .body("upcoming.effective_date", equalTo(later.toString()))
                    .body("upcoming.digest", equalTo(rules.upcoming().orElseThrow().digest()))
                    .body("upcoming.digest_algorithm", equalTo("SM3"))
                    .body("upcoming.text_zh", containsString("第七条 预告条款"));

            assertEquals(java.util.Optional.of(NEXT_VERSION), announcer.announce());
            assertEquals(java.util.Optional.empty(), announcer.announce(), "announced once");
            assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM consent_rules_announcement WHERE rules_version = ?",
                    NEXT_VERSION));
            assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_event WHERE event_type = 'consent.rules_upcoming' "
                    + "AND record_id = ? AND tenant_id = 'rules-ann' AND platform = 'platform-ann'", NEXT_VERSION));
            assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_event WHERE event_type = 'consent.rules_upcoming' "
                    + "AND platform = 'platform-quiet'"), "only to subscriptions that asked for it");
            String payload = Db.string(dataSource, "SELECT payload FROM webhook_event WHERE event_type = 'consent.rules_upcoming' "
                    + "AND record_id = ? AND platform = 'platform-ann'", NEXT_VERSION);
            assertTrue(payload.contains("\"effective_date\":\"" + later + "\""), payload);
            assertTrue(payload.contains(rules.upcoming().orElseThrow().digest()), payload);
        }
    }

    @Test
    @Order(2)
    void aNewVersion_appliesOnItsDate_theOldFormIsRefused_theNewRulesShown_andWhatChangedIsSaid() throws IOException {
        String platform = Api.token("platform");
        // A person who agreed to the shipped version, verified.
        String returning = TestIds.randomAccount();
        Api.Created first = Api.created(platform, Api.signup(returning, "李四", TestIds.random()));
        Api.completeFlow(first.redirectUrl(), "pass");
        String firstResult = Db.string(dataSource, "SELECT id FROM verification_result WHERE session_id = ?", first.id());

        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(c.redirectUrl());
        Map<String, String> shownBefore = Api.shownRules(b);
        String oldVersion = shownBefore.get("rules_version");

        deploy(NEW_VERSION, LocalDate.now(MinorRules.CHINA), "6. 第六条 新增条款。");

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
        assertEquals(LocalDate.now(MinorRules.CHINA).toString(), Db.string(dataSource,
                "SELECT CAST(rules_effective_date AS VARCHAR(10)) FROM consent_record WHERE session_id = ?", c.id()));
        assertEquals(rules.current().digest(), Db.string(dataSource, "SELECT rules_digest FROM consent_record WHERE session_id = ?", c.id()));
        assertEquals(NEW_VERSION, Db.string(dataSource,
                "SELECT outcome FROM audit_event WHERE record_id = ? AND event_type = 'SESSION_CONSENTED'", c.id()));

        // The returning person's next consent page says what changed since the version they agreed to.
        Api.Created again = Api.created(platform, Api.reverify(returning));
        Api.Browser b2 = Api.open(again.redirectUrl());
        given().cookie(Api.BINDING_COOKIE, b2.secret()).get(b2.path()).then().statusCode(200)
                .body(containsString("id=\"rules-updated\""))
                .body(containsString("您上次同意的是规则版本 " + SHIPPED_VERSION))
                .body(containsString("变化：第六条已加入"))
                .body(containsString("What changed: Article 6 added."));
        // A person new to the gateway is told nothing of earlier versions.
        Api.Browser newcomer = Api.open(Api.created(platform, Api.signup(TestIds.randomAccount(), "王五", TestIds.random()))
                .redirectUrl());
        given().cookie(Api.BINDING_COOKIE, newcomer.secret()).get(newcomer.path()).then().statusCode(200)
                .body(not(containsString("id=\"rules-updated\"")));
        // What was done under the earlier version stays valid, and says which version it rests on.
        assertEquals(SHIPPED_VERSION, Db.string(dataSource, "SELECT c.rules_version FROM verification_result r "
                + "JOIN consent_record c ON c.id = r.consent_id WHERE r.id = ?", firstResult));
        given().auth().oauth2(platform).get("/api/v1/verifications/" + first.id()).then().statusCode(200)
                .body("status", equalTo("PASSED"));
    }

    /**
     * Adds a version, effective on {@code date}, to the file in force: the shipped versions stay, as
     * a deployment that announces a change keeps the current rules beside the new ones.
     */
    private static void deploy(String version, LocalDate date, String newArticle) throws IOException {
        Path file = TempRulesProfile.FILE;
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        ArrayNode versions = (ArrayNode) root.get("versions");
        ObjectNode added = versions.get(versions.size() - 1).deepCopy();
        added.put("version", version);
        added.put("effective_date", date.toString());
        ObjectNode text = (ObjectNode) added.get("text");
        text.put("zh", text.get("zh").asText().replace("5. 未满十四周岁", newArticle + "\n5. 未满十四周岁"));
        ObjectNode changes = (ObjectNode) added.get("changes");
        changes.put("zh", "第六条已加入。");
        changes.put("en", "Article 6 added.");
        versions.add(added);
        FileTime before = Files.getLastModifiedTime(file);
        // Written to a temporary file and moved over the old one, as a deployment should.
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), JSON.writeValueAsString(root),
                StandardCharsets.UTF_8);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        // Coarse file-system clocks: make sure the change is visible as a new modification time.
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(5).isAfter(Instant.now())
                ? before.toInstant().plusSeconds(5) : Instant.now()));
    }
}
