package org.realname.gateway.webhook;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;
import org.realname.gateway.webhook.api.InMemorySeenEvents;
import org.realname.gateway.webhook.api.WebhookSigner;
import org.realname.gateway.webhook.api.WebhookVerifier;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * The subscriptions API over HTTP on a real database: every platform sees only its own
 * subscriptions, secrets are shown once and stored sealed, rotation keeps the previous secret
 * for the overlap, every bad input is a problem+json that changes nothing. Run on H2 and on
 * PostgreSQL by its subclasses.
 */
public abstract class WebhookSubscriptionsContract {

    static final String PROBLEM = "application/problem+json";
    static final String URL = "http://127.0.0.1:9/hooks/realname";

    @Inject
    DataSource dataSource;
    @Inject
    WebhookService service;

    String subject;
    String platform;

    @BeforeEach
    void platformOfItsOwn() {
        // A subject per test: the database is shared by every test of the JVM.
        subject = "platform-" + TestIds.randomAccount();
        platform = Api.token(subject, "platform");
    }

    static Response subscribe(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/webhooks");
    }

    static Map<String, Object> body(String url, String... events) {
        return Map.of("url", url, "events", List.of(events));
    }

    String created(String... events) {
        return subscribe(platform, body(URL, events)).then().statusCode(201).extract().path("id");
    }

    long rowsOfSubject() {
        return Db.count(dataSource, "SELECT COUNT(*) FROM webhook_subscription WHERE owner = ?", subject);
    }

    long auditOfSubject() {
        return Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE actor = ?", subject);
    }

    String audited(String type, String id) {
        return Db.string(dataSource, "SELECT actor || '|' || actor_role || '|' || record_type FROM audit_event "
                + "WHERE event_type = ? AND record_id = ?", type, id);
    }

    static ValidatableResponse problem(ValidatableResponse r, int status, String slug) {
        return r.statusCode(status).contentType(PROBLEM)
                .body("type", equalTo("https://realname-gateway.dev/problems/" + slug))
                .body("status", equalTo(status));
    }

    @Test
    void subscribe_answersTheSecretOnce_andStoresItOnlySealed() {
        Response r = subscribe(platform, body(URL, "ping", "verification.passed", "ping", "account.erased"));
        r.then().statusCode(201).contentType(ContentType.JSON)
                .body("url", equalTo(URL))
                .body("events", equalTo(List.of("verification.passed", "account.erased", "ping")))
                .body("created_at", org.hamcrest.Matchers.notNullValue());
        String id = r.path("id");
        String secret = r.path("secret");
        assertTrue(secret.matches("whsec_[A-Za-z0-9_-]{43}"), "256-bit secret in base64url");
        assertTrue(r.header("Location").endsWith("/api/v1/webhooks/" + id));

        byte[] sealed = Db.bytes(dataSource, "SELECT secret_sealed FROM webhook_subscription WHERE id = ?", id);
        assertFalse(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret.substring(6, 20)));
        assertEquals(subject + "|platform|webhook_subscription", audited("WEBHOOK_SUBSCRIBED", id));
        assertEquals(List.of(secret), service.signingSecrets(id));

        // Never shown again.
        given().auth().oauth2(platform).get("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("secret", nullValue()).body("url", equalTo(URL));
        given().auth().oauth2(platform).get("/api/v1/webhooks").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(id)).body("[0].secret", nullValue());
    }

    @Test
    void everyDocumentedEventType_isAccepted() {
        subscribe(platform, body(URL, "verification.passed", "verification.failed", "verification.expired",
                "verification.canceled", "verification.disputed", "account.erased", "ping")).then().statusCode(201)
                .body("events", hasSize(7));
    }

    @Test
    void anotherPlatformsSubscription_isNotFound_andUntouched() {
        String id = created("ping");
        String other = Api.token("platform-" + TestIds.randomAccount(), "platform");
        problem(given().auth().oauth2(other).get("/api/v1/webhooks/" + id).then(), 404, "webhook-not-found");
        problem(given().auth().oauth2(other).delete("/api/v1/webhooks/" + id).then(), 404, "webhook-not-found");
        problem(given().auth().oauth2(other).post("/api/v1/webhooks/" + id + "/rotate-secret").then(), 404, "webhook-not-found");
        given().auth().oauth2(other).get("/api/v1/webhooks").then().statusCode(200).body("", hasSize(0));
        assertEquals(1, rowsOfSubject());
        assertNull(Db.string(dataSource, "SELECT previous_valid_until FROM webhook_subscription WHERE id = ?", id));
    }

    @Test
    void otherRoles_andAnonymousCallers_areRefused() {
        for (String role : new String[] {"auditor", "admin", "user"}) {
            String token = Api.token(subject, role);
            problem(subscribe(token, body(URL, "ping")).then(), 403, "forbidden");
            problem(given().auth().oauth2(token).get("/api/v1/webhooks").then(), 403, "forbidden");
        }
        problem(given().contentType(ContentType.JSON).body(body(URL, "ping")).post("/api/v1/webhooks").then(), 401, "unauthenticated");
        assertEquals(0, rowsOfSubject());
    }

    @Test
    void badInputs_areProblems_andChangeNothing() {
        long audit = auditOfSubject();
        problem(subscribe(platform, body(URL)).then(), 400, "invalid-request");
        problem(subscribe(platform, Map.of("url", URL)).then(), 400, "invalid-request");
        problem(subscribe(platform, Map.of("events", List.of("ping"))).then(), 400, "webhook-url-invalid");
        problem(subscribe(platform, body(URL, "ping", "verification.hacked")).then(), 400, "invalid-event-type")
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("hacked")));
        problem(subscribe(platform, body("ftp://127.0.0.1/h", "ping")).then(), 400, "webhook-url-invalid");
        problem(subscribe(platform, body("http://user:pw@127.0.0.1/h", "ping")).then(), 400, "webhook-url-invalid")
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("pw")));
        problem(subscribe(platform, body("http://127.0.0.1/h#x", "ping")).then(), 400, "webhook-url-invalid");
        problem(subscribe(platform, body("http://127.0.0.1/" + "a".repeat(2050), "ping")).then(), 400, "webhook-url-invalid");
        problem(subscribe(platform, body("/relative", "ping")).then(), 400, "webhook-url-invalid");
        problem(subscribe(platform, Map.of("url", URL, "events", List.of("ping"), "secret", "mine")).then(), 400, "malformed-body");
        problem(subscribe(platform, "{\"url\": ").then(), 400, "malformed-body");
        problem(subscribe(platform, Map.of("url", URL, "events", "ping")).then(), 400, "malformed-body");
        problem(given().auth().oauth2(platform).contentType(ContentType.JSON).post("/api/v1/webhooks").then(), 400,
                "invalid-request");
        problem(given().auth().oauth2(platform).contentType(ContentType.TEXT).body("url=x").post("/api/v1/webhooks").then(),
                415, "unsupported-media-type");
        assertEquals(0, rowsOfSubject());
        assertEquals(audit, auditOfSubject());
    }

    @Test
    void unknownOrMalformedIds_areNotFound() {
        for (String id : new String[] {"0123456789abcdef0123456789abcdef", "nope", "%27%20OR%201%3D1"}) {
            problem(given().auth().oauth2(platform).get("/api/v1/webhooks/" + id).then(), 404, "webhook-not-found");
            problem(given().auth().oauth2(platform).urlEncodingEnabled(false).delete("/api/v1/webhooks/" + id).then(), 404,
                    "webhook-not-found");
        }
    }

    @Test
    void subscriptionLimit_perPlatform_isEnforced() {
        for (int i = 0; i < 20; i++) {
            created("ping");
        }
        long audit = auditOfSubject();
        problem(subscribe(platform, body(URL, "ping")).then(), 409, "webhook-limit");
        assertEquals(20, rowsOfSubject());
        assertEquals(audit, auditOfSubject());
    }

    @Test
    void delete_removesTheSubscription_andDestroysItsSecretKey() {
        String id = created("ping");
        String keep = created("ping");
        given().auth().oauth2(platform).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_subscription WHERE id = ?", id));
        assertEquals(1, Db.count(dataSource,
                "SELECT COUNT(*) FROM account_key WHERE account_id = ? AND wrapped_dek IS NULL AND destroyed_at IS NOT NULL",
                "webhook/" + id));
        assertEquals(subject + "|platform|webhook_subscription", audited("WEBHOOK_DELETED", id));
        problem(given().auth().oauth2(platform).delete("/api/v1/webhooks/" + id).then(), 404, "webhook-not-found");
        given().auth().oauth2(platform).get("/api/v1/webhooks").then().body("", hasSize(1)).body("[0].id", equalTo(keep));
        assertEquals(1, service.signingSecrets(keep).size());
    }

    @Test
    void rotation_showsTheNewSecretOnce_andSignsWithBothDuringTheOverlap() throws Exception {
        Response first = subscribe(platform, body(URL, "verification.passed"));
        String id = first.path("id");
        String old = first.path("secret");
        Instant before = Instant.now();
        Response rotated = given().auth().oauth2(platform).post("/api/v1/webhooks/" + id + "/rotate-secret");
        rotated.then().statusCode(200).contentType(ContentType.JSON).body("id", equalTo(id));
        String fresh = rotated.path("secret");
        assertNotEquals(old, fresh);
        Instant until = Instant.parse(rotated.path("previous_secret_valid_until"));
        // The configured overlap, 24h by default.
        assertTrue(!until.isBefore(before.plus(Duration.ofHours(24)).minusSeconds(5))
                && !until.isAfter(Instant.now().plus(Duration.ofHours(24))), until.toString());
        assertEquals(subject + "|platform|webhook_subscription", audited("WEBHOOK_SECRET_ROTATED", id));
        given().auth().oauth2(platform).get("/api/v1/webhooks/" + id).then().body("secret", nullValue())
                .body("previous_secret_valid_until", equalTo(rotated.path("previous_secret_valid_until")));

        List<String> signing = service.signingSecrets(id);
        assertEquals(List.of(fresh, old), signing);
        // A receiver still holding only the old secret accepts a delivery signed during the overlap.
        byte[] delivery = "{\"event_id\":\"evt_1\",\"type\":\"ping\"}".getBytes(UTF_8);
        long t = Instant.now().getEpochSecond();
        String header = new WebhookSigner().signatureHeader(t, delivery, signing);
        assertEquals(3, header.split(",").length);
        WebhookVerifier.builder(old, new InMemorySeenEvents(10)).build().verify(header, "evt_1", delivery);
        WebhookVerifier.builder(fresh, new InMemorySeenEvents(10)).build().verify(header, "evt_1", delivery);

        // After the overlap only the new secret signs.
        Db.exec(dataSource, "UPDATE webhook_subscription SET previous_valid_until = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), id);
        assertEquals(List.of(fresh), service.signingSecrets(id));
    }

    @Test
    void secondRotation_keepsOnlyTheLastTwoSecrets() {
        Response first = subscribe(platform, body(URL, "ping"));
        String id = first.path("id");
        String s2 = given().auth().oauth2(platform).post("/api/v1/webhooks/" + id + "/rotate-secret").path("secret");
        String s3 = given().auth().oauth2(platform).post("/api/v1/webhooks/" + id + "/rotate-secret").path("secret");
        assertEquals(List.of(s3, s2), service.signingSecrets(id));
    }

    @Test
    void sealedSecret_movedToAnotherRow_doesNotOpen() {
        String a = created("ping");
        String b = created("ping");
        byte[] sealedA = Db.bytes(dataSource, "SELECT secret_sealed FROM webhook_subscription WHERE id = ?", a);
        Db.exec(dataSource, "UPDATE webhook_subscription SET secret_sealed = ? WHERE id = ?", sealedA, b);
        org.junit.jupiter.api.Assertions.assertThrows(org.realname.gateway.error.GatewayException.class,
                () -> service.signingSecrets(b));
    }
}
