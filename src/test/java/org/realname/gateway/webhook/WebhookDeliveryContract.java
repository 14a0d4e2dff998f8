package org.realname.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.session.SessionSweep;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;
import org.realname.gateway.support.WebhookReceiver;
import org.realname.gateway.webhook.api.InMemorySeenEvents;
import org.realname.gateway.webhook.api.RejectionReason;
import org.realname.gateway.webhook.api.WebhookVerificationException;
import org.realname.gateway.webhook.api.WebhookVerifier;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Delivery end to end, against a real HTTP receiver on loopback: the state changes of the flow
 * put events in the outbox, the worker signs and sends them, retries with growing delays,
 * dead-letters, and an admin replays. Every received request is checked with the documented
 * receiver recipe ({@link WebhookVerifier}). Run on H2 and PostgreSQL by its subclasses.
 */
public abstract class WebhookDeliveryContract {

    static final String PROBLEM = "application/problem+json";
    static final Duration WAIT = Duration.ofSeconds(40);
    /** An 18-character resident ID number shape: none may appear in a body. */
    /** An ID number standing alone: not digits that happen to run inside a random hex id. */
    static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[\\dXx](?![0-9A-Za-z])");

    @Inject
    DataSource dataSource;
    @Inject
    KeyRingService keyRing;
    @Inject
    SessionSweep sweep;

    String subject;
    String platform;
    WebhookReceiver receiver;

    @BeforeEach
    void platformAndReceiverOfItsOwn() throws Exception {
        subject = "platform-" + TestIds.randomAccount();
        platform = Api.token(subject, "platform");
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    record Subscription(String id, String secret) {
    }

    Subscription subscribe(String... events) {
        Response r = given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "events", List.of(events))).post("/api/v1/webhooks");
        r.then().statusCode(201);
        return new Subscription(r.path("id"), r.path("secret"));
    }

    WebhookVerifier verifier(String secret, Clock clock) {
        return verifier(secret, clock, new InMemorySeenEvents(1000));
    }

    WebhookVerifier verifier(String secret, Clock clock, InMemorySeenEvents seen) {
        String keyId = keyRing.activeKeyId(org.realname.gateway.keys.KeyKind.SIGNING);
        return WebhookVerifier.builder(secret, seen).clock(clock)
                .gatewayPublicKey(keyRing.certificate(keyId).getPublicKey(), true).build();
    }

    JsonPath deliveries(String subscription) {
        return given().auth().oauth2(platform).get("/api/v1/webhooks/" + subscription + "/deliveries?limit=100")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the subscription's only delivery has reached {@code status}. */
    JsonPath awaitDelivery(String subscription, String status) throws InterruptedException {
        Instant end = Instant.now().plus(WAIT);
        JsonPath d;
        do {
            d = deliveries(subscription);
            if (status.equals(d.getString("deliveries[0].status"))) {
                return d;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(end));
        throw new AssertionError("delivery not " + status + " within " + WAIT + ": " + d.prettify());
    }

    static ValidatableResponse problem(ValidatableResponse r, int status, String slug) {
        return r.statusCode(status).contentType(PROBLEM)
                .body("type", equalTo("https://realname-gateway.dev/problems/" + slug)).body("status", equalTo(status));
    }

    @Test
    void everyEventType_isDeliveredOnce_withAValidSignature_andNoPersonalData() throws Exception {
        Subscription sub = subscribe("verification.passed", "verification.failed", "verification.expired",
                "verification.canceled", "verification.disputed", "account.erased", "ping");

        String passedAccount = TestIds.randomAccount();
        String passedIdNumber = TestIds.random();
        Api.Created passed = Api.created(platform, Api.signup(passedAccount, "张三丰", passedIdNumber));
        Api.completeFlow(passed.redirectUrl(), "pass");
        String failedAccount = TestIds.randomAccount();
        Api.Created failed = Api.created(platform, Api.signup(failedAccount, "李四光", TestIds.random()));
        Api.completeFlow(failed.redirectUrl(), "fail");
        Api.Created expired = Api.created(platform, Api.signup(TestIds.randomAccount(), "王五", TestIds.random()));
        Db.makeOverdue(dataSource, expired.id());
        sweep.sweep();
        Api.Created canceled = Api.created(platform, Api.signup(TestIds.randomAccount(), "赵六", TestIds.random()));
        given().auth().oauth2(platform).post("/api/v1/verifications/" + canceled.id() + "/cancel").then().statusCode(200);
        given().auth().oauth2(Api.token(passedAccount, "user"))
                .post("/api/v1/me/verifications/" + passed.id() + "/dispute").then().statusCode(200);
        given().auth().oauth2(platform).post("/api/v1/accounts/" + failedAccount + "/erasure").then().statusCode(200);

        receiver.await(r -> true, 7, WAIT);
        // Every delivery recorded as delivered (the worker records a batch once all of it is
        // answered), then time for a duplicate, if the worker were to send one.
        Instant end = Instant.now().plus(WAIT);
        while (!deliveries(sub.id()).getList("deliveries.status").stream().allMatch("DELIVERED"::equals)) {
            assertTrue(Instant.now().isBefore(end), "all recorded as delivered in time");
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        List<WebhookReceiver.Received> all = receiver.received();
        // Delivery is at least once: a request is repeated only after an attempt that timed out
        // (the answer was lost), and a receiver dedupes it by event id, as the recipe does.
        JsonPath recorded = deliveries(sub.id());
        long timedOut = recorded.getList("deliveries.attempt_log.outcome").stream()
                .flatMap(o -> ((List<?>) o).stream()).filter("timeout"::equals).count();
        assertTrue(all.size() - 7 <= timedOut, "repeats only after timed-out attempts: " + all.size() + " requests, "
                + timedOut + " timed out");
        Map<String, WebhookReceiver.Received> firstOfEach = new java.util.LinkedHashMap<>();
        all.forEach(r -> firstOfEach.putIfAbsent(r.eventId(), r));
        List<WebhookReceiver.Received> got = List.copyOf(firstOfEach.values());
        assertEquals(7, got.size(), "seven events");

        WebhookVerifier recipe = verifier(sub.secret(), Clock.systemUTC());
        Set<String> ids = new HashSet<>();
        Map<String, JsonPath> byType = new java.util.HashMap<>();
        for (WebhookReceiver.Received r : got) {
            assertTrue(recipe.verify(r.signature(), r.eventId(), r.body()).sm2Verified(), r.eventType());
            assertNotNull(r.signingKey());
            assertTrue(ids.add(r.eventId()));
            JsonPath body = JsonPath.from(r.bodyText());
            assertEquals(r.eventId(), body.getString("event_id"));
            assertEquals(r.eventType(), body.getString("type"));
            byType.put(r.eventType(), body);
            assertFalse(r.bodyText().contains("张三丰") || r.bodyText().contains("李四光") || r.bodyText().contains("王五")
                    || r.bodyText().contains("赵六"), r.bodyText());
            assertFalse(ID_NUMBER.matcher(r.bodyText()).find(), r.bodyText());
        }
        assertEquals(Set.of("verification.passed", "verification.failed", "verification.expired", "verification.canceled",
                "verification.disputed", "account.erased", "ping"), byType.keySet());

        JsonPath p = byType.get("verification.passed");
        assertEquals(passed.id(), p.getString("data.verification_id"));
        assertEquals(passedAccount, p.getString("data.account_id"));
        assertEquals("PASSED", p.getString("data.status"));
        assertEquals("SIGNUP", p.getString("data.purpose"));
        assertEquals(Db.string(dataSource, "SELECT id FROM verification_result WHERE session_id = ?", passed.id()),
                p.getString("data.result_id"));
        assertEquals("FAILED", byType.get("verification.failed").getString("data.status"));
        assertEquals(expired.id(), byType.get("verification.expired").getString("data.verification_id"));
        assertEquals(canceled.id(), byType.get("verification.canceled").getString("data.verification_id"));
        assertEquals(passed.id(), byType.get("verification.disputed").getString("data.verification_id"));
        assertEquals(failedAccount, byType.get("account.erased").getString("data.account_id"));
        assertEquals(sub.id(), byType.get("ping").getString("data.subscription_id"));

        JsonPath d = deliveries(sub.id());
        assertEquals(7, d.getList("deliveries").size());
        for (int i = 0; i < 7; i++) {
            assertEquals("DELIVERED", d.getString("deliveries[" + i + "].status"));
            int n = d.getInt("deliveries[" + i + "].attempts");
            assertEquals(204, d.getInt("deliveries[" + i + "].attempt_log[" + (n - 1) + "].http_status"));
            assertEquals("delivered", d.getString("deliveries[" + i + "].attempt_log[" + (n - 1) + "].outcome"));
        }
    }

    @Test
    void receiverDown_retriesWithGrowingDelays_thenDeliveredWhenItIsBack() throws Exception {
        receiver.down();
        Subscription sub = subscribe("ping");
        Instant end = Instant.now().plus(WAIT);
        while (deliveries(sub.id()).getInt("deliveries[0].attempts") < 5) {
            assertTrue(Instant.now().isBefore(end), "five failed attempts in time");
            Thread.sleep(50);
        }
        receiver.up();
        JsonPath d = awaitDelivery(sub.id(), "DELIVERED");
        assertEquals(1, receiver.received().size());
        assertTrue(verifier(sub.secret(), Clock.systemUTC()).verify(receiver.received().get(0).signature(),
                receiver.received().get(0).eventId(), receiver.received().get(0).body()).sm2Verified());

        List<Map<String, Object>> log = d.getList("deliveries[0].attempt_log");
        int n = log.size();
        assertTrue(n >= 6, "five or more failures, then the success: " + log);
        for (int i = 0; i < n - 1; i++) {
            assertEquals("connect-failed", log.get(i).get("outcome"), log.toString());
        }
        assertEquals("delivered", log.get(n - 1).get("outcome"));
        Instant[] at = log.stream().map(a -> Instant.parse((String) a.get("attempted_at"))).toArray(Instant[]::new);
        // Backoff: 200 ms doubling, capped at the test profile's max, half of it at least (jitter).
        long first = Duration.between(at[0], at[1]).toMillis();
        long fourth = Duration.between(at[3], at[4]).toMillis();
        assertTrue(first >= 100, "first wait " + first);
        assertTrue(fourth >= 700, "fourth wait " + fourth);
        assertTrue(fourth > first, "delays grow: " + first + " then " + fourth);
    }

    @Test
    void receiverDownForGood_deadLetter_thenAnAdminReplayDeliversIt() throws Exception {
        receiver.answer(503);
        Subscription sub = subscribe("ping");
        // Three failed attempts, then the give-up time is moved to now, as if the endpoint had been
        // failing for 3 days: the next failure dead-letters it.
        Instant end = Instant.now().plus(WAIT);
        while (deliveries(sub.id()).getInt("deliveries[0].attempts") < 3) {
            assertTrue(Instant.now().isBefore(end), "three failed attempts in time");
            Thread.sleep(50);
        }
        Db.exec(dataSource, "UPDATE webhook_delivery SET give_up_at = ? WHERE subscription_id = ?",
                java.sql.Timestamp.from(Instant.now()), sub.id());
        JsonPath dead = awaitDelivery(sub.id(), "DEAD");
        String delivery = dead.getString("deliveries[0].id");
        String eventId = dead.getString("deliveries[0].event_id");
        int attempts = dead.getInt("deliveries[0].attempts");
        assertTrue(attempts >= 3, "retried before giving up: " + attempts);
        // Each attempt got the 503 (on a loaded machine one may instead run out of time); none was delivered.
        List<Map<String, Object>> log = dead.getList("deliveries[0].attempt_log");
        assertEquals(attempts, log.size());
        assertTrue(log.stream().allMatch(a -> "http-error".equals(a.get("outcome")) && Integer.valueOf(503).equals(a.get("http_status"))
                || "timeout".equals(a.get("outcome"))), log.toString());
        assertTrue(log.stream().anyMatch(a -> Integer.valueOf(503).equals(a.get("http_status"))), log.toString());
        assertTrue(receiver.received().size() >= 1 && receiver.received().size() <= attempts);

        String admin = Api.token("admin");
        given().auth().oauth2(admin).get("/api/v1/admin/webhooks/dead-letters?limit=100").then().statusCode(200)
                .body("deliveries.find { it.id == '" + delivery + "' }.event_id", equalTo(eventId));
        given().auth().oauth2(platform).get("/api/v1/admin/webhooks/dead-letters").then().statusCode(403);
        given().auth().oauth2(platform).post("/api/v1/admin/webhooks/deliveries/" + delivery + "/replay").then().statusCode(403);

        receiver.answer(204);
        given().auth().oauth2(admin).post("/api/v1/admin/webhooks/deliveries/" + delivery + "/replay").then().statusCode(200)
                .body("status", equalTo("PENDING")).body("replays", equalTo(1));
        JsonPath done = awaitDelivery(sub.id(), "DELIVERED");
        // Normally one more attempt; a rare timed-out attempt (see docs/webhooks.md) adds a retry.
        List<Map<String, Object>> after = done.getList("deliveries[0].attempt_log");
        assertEquals(done.getInt("deliveries[0].attempts"), after.size());
        assertTrue(after.size() > attempts, after.toString());
        assertEquals("delivered", after.get(after.size() - 1).get("outcome"));
        assertTrue(after.subList(attempts, after.size() - 1).stream().allMatch(a -> "timeout".equals(a.get("outcome"))),
                after.toString());
        WebhookReceiver.Received last = receiver.received().get(receiver.received().size() - 1);
        assertEquals(eventId, last.eventId(), "the same event, so receivers dedupe it");
        verifier(sub.secret(), Clock.systemUTC()).verify(last.signature(), last.eventId(), last.body());
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'WEBHOOK_REPLAYED' "
                + "AND record_id = ? AND actor_role = 'admin'", delivery));

        // Only a dead letter is replayed; unknown and malformed ids are not found. Nothing changes.
        problem(given().auth().oauth2(admin).post("/api/v1/admin/webhooks/deliveries/" + delivery + "/replay").then(),
                409, "webhook-delivery-state");
        problem(given().auth().oauth2(admin).post("/api/v1/admin/webhooks/deliveries/" + org.realname.gateway.util.Ids.newId() + "/replay")
                .then(), 404, "webhook-delivery-not-found");
        problem(given().auth().oauth2(admin).post("/api/v1/admin/webhooks/deliveries/nope/replay").then(), 404,
                "webhook-delivery-not-found");
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'WEBHOOK_REPLAYED' "
                + "AND record_id = ?", delivery));
        assertEquals("DELIVERED", deliveries(sub.id()).getString("deliveries[0].status"));
    }

    @Test
    void aCrashedInstancesClaim_runsOut_thenTheDeliveryIsSent() throws Exception {
        receiver.down();
        Subscription sub = subscribe("ping");
        // As if another instance had claimed the delivery and died: its lease holds for 3 s.
        Instant leaseEnd = Instant.now().plusSeconds(3);
        Db.exec(dataSource, "UPDATE webhook_delivery SET claimed_by = 'gw-crashed', claimed_until = ?, next_attempt_at = ? "
                + "WHERE subscription_id = ?", java.sql.Timestamp.from(leaseEnd), java.sql.Timestamp.from(Instant.now()), sub.id());
        receiver.up();
        Thread.sleep(1500);
        assertEquals(0, receiver.received().size(), "nobody sends a delivery another instance holds");
        WebhookReceiver.Received r = receiver.await(x -> true, 1, WAIT).get(0);
        assertTrue(!r.at().isBefore(leaseEnd), "sent once the lease ran out");
        awaitDelivery(sub.id(), "DELIVERED");
        Thread.sleep(500);
        assertEquals(1, receiver.received().size());
    }

    @Test
    void theRecipe_rejectsATamperedBody_aStaleTimestamp_andAReplayedEventId() throws Exception {
        Subscription sub = subscribe("ping");
        WebhookReceiver.Received r = receiver.await(x -> true, 1, WAIT).get(0);
        InMemorySeenEvents seen = new InMemorySeenEvents(100);
        WebhookVerifier recipe = verifier(sub.secret(), Clock.systemUTC(), seen);

        byte[] tampered = r.bodyText().replace("\"ping\"", "\"verification.passed\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(RejectionReason.SIGNATURE_MISMATCH,
                assertThrows(WebhookVerificationException.class, () -> recipe.verify(r.signature(), r.eventId(), tampered)).reason());

        Clock sixMinutesLater = Clock.fixed(r.at().plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        assertEquals(RejectionReason.STALE_TIMESTAMP, assertThrows(WebhookVerificationException.class,
                () -> verifier(sub.secret(), sixMinutesLater).verify(r.signature(), r.eventId(), r.body())).reason());

        recipe.verify(r.signature(), r.eventId(), r.body());
        assertEquals(RejectionReason.REPLAYED_EVENT,
                assertThrows(WebhookVerificationException.class, () -> recipe.verify(r.signature(), r.eventId(), r.body())).reason());
    }

    @Test
    void duringARotationOverlap_bothSecretsSign_andEitherVerifies() throws Exception {
        Subscription sub = subscribe("ping");
        WebhookReceiver.Received before = receiver.await(x -> true, 1, WAIT).get(0);
        assertEquals(1, countV1(before.signature()));

        String newSecret = given().auth().oauth2(platform).post("/api/v1/webhooks/" + sub.id() + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");
        String eventId = given().auth().oauth2(platform).post("/api/v1/webhooks/" + sub.id() + "/ping")
                .then().statusCode(202).extract().path("event_id");
        WebhookReceiver.Received after = receiver.await(x -> eventId.equals(x.eventId()), 1, WAIT).get(0);
        assertEquals(2, countV1(after.signature()), after.signature());
        assertTrue(verifier(sub.secret(), Clock.systemUTC()).verify(after.signature(), after.eventId(), after.body()).sm2Verified());
        assertTrue(verifier(newSecret, Clock.systemUTC()).verify(after.signature(), after.eventId(), after.body()).sm2Verified());
        assertEquals(RejectionReason.SIGNATURE_MISMATCH, assertThrows(WebhookVerificationException.class,
                () -> verifier("whsec_" + "A".repeat(43), Clock.systemUTC()).verify(after.signature(), after.eventId(),
                        after.body())).reason());
    }

    static int countV1(String header) {
        return (int) java.util.Arrays.stream(header.split(",")).filter(p -> p.startsWith("v1=")).count();
    }

    @Test
    void deliveriesAndPing_refuseBadInput_andOtherPlatforms() {
        Subscription sub = subscribe("verification.passed");
        problem(given().auth().oauth2(platform).get("/api/v1/webhooks/" + sub.id() + "/deliveries?status=SENT").then(), 400,
                "invalid-request");
        problem(given().auth().oauth2(platform).get("/api/v1/webhooks/" + sub.id() + "/deliveries?limit=0").then(), 400,
                "invalid-request");
        problem(given().auth().oauth2(platform).get("/api/v1/webhooks/" + sub.id() + "/deliveries?limit=101").then(), 400,
                "invalid-request");
        given().auth().oauth2(platform).get("/api/v1/webhooks/" + sub.id() + "/deliveries").then().statusCode(200)
                .body("deliveries", hasSize(0));

        String other = Api.token("platform-" + TestIds.randomAccount(), "platform");
        problem(given().auth().oauth2(other).get("/api/v1/webhooks/" + sub.id() + "/deliveries").then(), 404,
                "webhook-not-found");
        problem(given().auth().oauth2(other).post("/api/v1/webhooks/" + sub.id() + "/ping").then(), 404, "webhook-not-found");
        problem(given().auth().oauth2(platform).post("/api/v1/webhooks/nope/ping").then(), 404, "webhook-not-found");
        given().post("/api/v1/webhooks/" + sub.id() + "/ping").then().statusCode(401);
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_delivery WHERE subscription_id = ?", sub.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_event WHERE platform = ?", subject));
    }

    @Test
    void deletingTheSubscription_dropsItsPendingDeliveries() throws Exception {
        receiver.down();
        Subscription sub = subscribe("ping");
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_delivery WHERE subscription_id = ?", sub.id()));
        given().auth().oauth2(platform).delete("/api/v1/webhooks/" + sub.id()).then().statusCode(204);
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM webhook_delivery WHERE subscription_id = ?", sub.id()));
        receiver.up();
        Thread.sleep(1000);
        assertEquals(0, receiver.received().size());
    }
}
