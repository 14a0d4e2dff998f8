package org.realname.gateway.fault;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.PackagedGateway;
import org.realname.gateway.support.WebhookReceiver;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A crash at every step (docs/testing.md): the packaged gateway runs as a real process on a real
 * PostgreSQL with one {@link FaultPoint} armed, four people go through their verifications until
 * the process halts there ({@code Runtime.halt}), a new process starts on the same database
 * without the fault point, everyone carries on where they were, and then every session has ended
 * in its right state exactly once, no result is lost or doubled, the audit chain verifies, every
 * sealed record opens, key re-wrapping is complete and every webhook event arrived at least once.
 */
class CrashAtEveryStepIT {

    /** Long enough for a session to be finished after the restart, short enough to wait for the expiry of a lost link. */
    static final Duration TTL = Duration.ofSeconds(45);
    static final Duration SETTLE = TTL.plusSeconds(45);

    private EmbeddedPostgres postgres;
    private DataSource db;
    private Path dataDir;
    private int port;
    private WebhookReceiver receiver;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        db = postgres.getPostgresDatabase();
        dataDir = Files.createTempDirectory("gateway-crash-");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        receiver = new WebhookReceiver();
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = port;
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        receiver.close();
        RestAssured.reset();
        postgres.close();
    }

    /** Every point, or those named in {@code -Dcrash.points=a,b} (to run a few while working on one). */
    static List<FaultPoint> points() {
        String only = System.getProperty("crash.points", "");
        return Arrays.stream(FaultPoint.values())
                .filter(p -> only.isBlank() || List.of(only.split(",")).contains(p.wireName())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aCrash_leavesNothingLostOrDoubled(FaultPoint point) throws Exception {
        Path firstLog = Path.of("target", "crash-it-" + point.wireName() + "-first.log");
        Process first = launch(firstLog, Map.of(
                "gateway.fault.halt-at", point.wireName() + ":" + hit(point),
                // Only browsers settle sessions here, so the halting step is the one the script reaches.
                "gateway.reconcile.interval", "1h",
                "gateway.reconcile.initial-delay", "1h"));
        String platform = Api.token("platform");
        given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "events", List.of("verification.passed", "verification.failed",
                        "verification.expired", "verification.canceled")))
                .post("/api/v1/webhooks").then().statusCode(201);

        List<Journey> journeys = Journey.four();
        if (!walk(journeys, platform, first)) {
            nudgeUntilHalted(point, first, platform);
        }
        assertHalted(first, point, firstLog);
        assertCrashedWhereArmed(point, journeys);

        launch(Path.of("target", "crash-it-" + point.wireName() + "-second.log"), Map.of(
                "gateway.reconcile.interval", "1s",
                "gateway.reconcile.initial-delay", "2s"));
        for (Journey.Step step : Journey.Step.values()) {
            for (Journey j : journeys) {
                if (j.wants(step)) {
                    j.take(step, platform, true);
                }
            }
        }

        awaitTrue("every session final: " + journeys, SETTLE, () -> journeys.stream().allMatch(this::isFinal));
        awaitTrue("every webhook event delivered", Duration.ofSeconds(60), this::everyEventDelivered);
        String admin = Api.token("admin");
        awaitTrue("every data key under the ACTIVE KEK, and no PASSIVE KEK left", Duration.ofSeconds(30), () -> {
            JsonPath keys = keyRing(admin);
            return keys.getInt("data_keys_to_rewrap") == 0 && !kekStatuses(keys).contains("PASSIVE");
        });

        for (Journey j : journeys) {
            assertEndedOnce(j);
        }
        assertExpiriesCountedOnce();
        assertEveryEventArrived(point);
        assertEquals(point == FaultPoint.KEY_REWRAP ? List.of("ACTIVE", "DISABLED") : List.of("ACTIVE"),
                kekStatuses(keyRing(admin)), "a rotated KEK is disabled once it wraps nothing");
        assertPlatformAndAuditorViews(platform, journeys);
        assertChainVerifies();
    }

    /**
     * The production profile refuses to start with a fault point armed. Everything else a
     * production start checks is given, so the refusal seen is the fault point's.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void production_refusesToStartWithAFaultPointArmed() throws Exception {
        Path log = Path.of("target", "crash-it-production-refusal.log");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("gateway.fault.halt-at", FaultPoint.AFTER_CREATE.wireName());
        properties.put("gateway.keys.store-password", "crash-it-only");
        properties.put("gateway.keys.create-if-missing", "true");
        properties.put("gateway.provider.alipay.endpoint", "https://openapi.alipay.com/gateway.do");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> processes.add(PackagedGateway.start("prod", postgres, dataDir, port, List.of("-XX:TieredStopAtLevel=1"),
                        properties, log.toFile(), Duration.ofSeconds(90))));
        assertTrue(e.getMessage().contains("exited at start"), e.getMessage());
        try (var lines = Files.lines(log)) {
            List<String> refusals = lines.filter(l -> l.contains("Refusing to start in the production profile")).toList();
            assertEquals(1, refusals.size(), "refused by the start-up guard, see " + log);
            assertTrue(refusals.get(0).contains("Refusing to start in the production profile: "
                    + "a test-only fault point is armed (gateway.fault.halt-at)"), refusals.get(0));
        }
        try (var lines = Files.lines(log)) {
            assertTrue(lines.noneMatch(l -> l.contains("fault point armed")), "never armed, not even before the refusal");
        }
    }

    /** On which hit of its point each case halts: some sessions are past it, one is at it, some have yet to reach it. */
    private static int hit(FaultPoint point) {
        return switch (point) {
            // Batches with entries: a start and the checkpoints write a few; 15 lands inside the script.
            case AUDIT_SEQUENCING -> 15;
            // Re-wrap batches of 2 (below): the first commits, the second halts half done.
            case KEY_REWRAP -> 3;
            // The second person at the step; for webhook-delivery the first session's end (the
            // subscription's ping is the first delivery).
            default -> 2;
        };
    }

    /**
     * Takes every journey step by step, all journeys one step, then the next step, until the
     * gateway halts under a step or the script ends.
     *
     * @return whether the gateway halted
     */
    private boolean walk(List<Journey> journeys, String platform, Process gateway) throws InterruptedException {
        for (Journey.Step step : Journey.Step.values()) {
            for (Journey j : journeys) {
                if (!j.wants(step)) {
                    continue;
                }
                try {
                    j.take(step, platform, false);
                } catch (Throwable t) {
                    if (died(gateway)) {
                        return true;
                    }
                    throw t;
                }
            }
        }
        return false;
    }

    /** Background points are reached by the gateway's own workers: give them work, and time. */
    private void nudgeUntilHalted(FaultPoint point, Process gateway, String platform) throws InterruptedException {
        if (point == FaultPoint.KEY_REWRAP) {
            given().auth().oauth2(Api.token("admin")).contentType(ContentType.JSON).body(Map.of("kind", "KEK"))
                    .post("/api/v1/admin/keys/rotate").then().statusCode(202);
        }
        Instant end = Instant.now().plusSeconds(60);
        while (gateway.isAlive() && Instant.now().isBefore(end)) {
            try {
                // A real-name read queues an audit entry, so the sequencer has batches to make.
                given().auth().oauth2(platform).get("/api/v1/accounts/nudge/real-name").then().statusCode(200);
            } catch (Throwable t) {
                if (!died(gateway)) {
                    throw t;
                }
            }
            Thread.sleep(200);
        }
    }

    private static boolean died(Process gateway) throws InterruptedException {
        return gateway.waitFor(15, TimeUnit.SECONDS);
    }

    private static void assertHalted(Process gateway, FaultPoint point, Path log) throws Exception {
        assertTrue(gateway.waitFor(30, TimeUnit.SECONDS), "the gateway halted at " + point.wireName());
        assertEquals(FaultPoints.HALT_STATUS, gateway.exitValue(), "halted by the fault point, see " + log);
        try (var lines = Files.lines(log)) {
            assertTrue(lines.anyMatch(l -> l.contains("Fault point " + point.wireName() + " reached")),
                    "the halt is logged at its point");
        }
    }

    /** What the database holds between the two processes shows the halt came where the point says. */
    private void assertCrashedWhereArmed(FaultPoint point, List<Journey> journeys) throws Exception {
        String second = journeys.get(1).account;
        switch (point) {
            case AFTER_CREATE -> assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM verification_session WHERE account_id = ?",
                    second), "created, though the platform never heard");
            case AFTER_LINK_OPENED -> assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM verification_session "
                    + "WHERE account_id = ? AND link_opened_at IS NOT NULL", second), "opened, though no cookie left");
            case AFTER_CONSENT, AFTER_PROVIDER_START -> {
                assertEquals("CONSENTED", Db.string(db, "SELECT status FROM verification_session WHERE account_id = ?", second));
                long atProvider = Db.count(db, "SELECT COUNT(*) FROM sandbox_certification c JOIN verification_session s "
                        + "ON c.outer_order_no = s.id WHERE s.account_id = ?", second);
                assertEquals(point == FaultPoint.AFTER_PROVIDER_START ? 1 : 0, atProvider, "started at the provider or not");
            }
            case BEFORE_RESULT_WRITE -> {
                assertEquals("PENDING", Db.string(db, "SELECT status FROM verification_session WHERE account_id = ?", second),
                        "the move rolled back with the halt");
                assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM verification_result"), "only the first session's result");
            }
            case AUDIT_SEQUENCING -> assertTrue(Db.count(db, "SELECT COUNT(*) FROM audit_event WHERE seq IS NULL") > 0,
                    "entries still queued");
            case KEY_REWRAP -> assertEquals(2, Db.count(db, "SELECT COUNT(DISTINCT kek_key_id) FROM account_key "
                    + "WHERE destroyed_at IS NULL"), "half re-wrapped: data keys under the old and the new KEK");
            case WEBHOOK_DELIVERY -> {
                List<String> received = receiver.received().stream().map(WebhookReceiver.Received::eventId).toList();
                assertTrue(received.stream().anyMatch(e -> Db.count(db, "SELECT COUNT(*) FROM webhook_delivery "
                        + "WHERE event_id = ? AND status = 'PENDING'", e) == 1), "an event arrived but is not marked delivered");
            }
        }
    }

    private boolean isFinal(Journey j) {
        String status = Db.string(db, "SELECT status FROM verification_session WHERE account_id = ?", j.account);
        return status != null && List.of("PASSED", "FAILED", "EXPIRED", "CANCELED", "ERROR").contains(status);
    }

    /** One session per person, in the right state, reached once: one event, one finish, one result at most. */
    private void assertEndedOnce(Journey j) {
        assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM verification_session WHERE account_id = ?", j.account),
                "one session per Idempotency-Key: " + j);
        String id = Db.string(db, "SELECT id FROM verification_session WHERE account_id = ?", j.account);
        assertTrue(j.id() == null || j.id().equals(id));
        assertEquals(j.expected(), Db.string(db, "SELECT status FROM verification_session WHERE id = ?", id), j.toString());
        assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM webhook_event WHERE record_id = ? AND event_type LIKE 'verification.%'",
                id), "one end, one event: " + j);
        assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM audit_event WHERE record_id = ? AND event_type = 'SESSION_CREATED'", id));
        boolean settled = !j.linkLost();
        assertEquals(settled ? 1 : 0, Db.count(db, "SELECT COUNT(*) FROM audit_event WHERE record_id = ? "
                + "AND event_type = 'SESSION_FINISHED'", id), "finished once: " + j);
        assertEquals(settled ? 1 : 0, Db.count(db, "SELECT COUNT(*) FROM audit_event WHERE record_id = ? "
                + "AND event_type = 'SESSION_REDIRECTED'", id), "at the provider once: " + j);
        assertEquals(settled ? 1 : 0, Db.count(db, "SELECT COUNT(*) FROM verification_result WHERE session_id = ?", id),
                "one result, or none: " + j);
        if (settled) {
            assertEquals(j.passes ? "PASS" : "FAIL", Db.string(db, "SELECT outcome FROM verification_result WHERE session_id = ?", id));
        }
    }

    /**
     * Expiries are recorded per session (on access, or by reconciliation) or per sweep batch
     * ({@code count-n}): together they must add up to the expired sessions, none counted twice.
     */
    private void assertExpiriesCountedOnce() {
        long expired = Db.count(db, "SELECT COUNT(*) FROM verification_session WHERE status = 'EXPIRED'");
        long perSession = Db.count(db, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'SESSION_EXPIRED' AND record_id IS NOT NULL")
                + Db.count(db, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'SESSION_FINISHED' AND outcome = 'EXPIRED'");
        long swept = Db.count(db, "SELECT COALESCE(SUM(CAST(SUBSTRING(outcome FROM 7) AS INTEGER)), 0) FROM audit_event "
                + "WHERE event_type = 'SESSION_EXPIRED' AND record_id IS NULL");
        assertEquals(expired, perSession + swept, "each expiry on record once");
    }

    private boolean everyEventDelivered() {
        if (Db.count(db, "SELECT COUNT(*) FROM webhook_delivery WHERE status <> 'DELIVERED'") > 0) {
            return false;
        }
        List<String> received = receiver.received().stream().map(WebhookReceiver.Received::eventId).toList();
        return Db.count(db, "SELECT COUNT(*) FROM webhook_event") == Db.count(db, "SELECT COUNT(DISTINCT event_id) FROM webhook_delivery")
                && allIn(received);
    }

    private boolean allIn(List<String> received) {
        try (var c = db.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT id FROM webhook_event")) {
            while (rs.next()) {
                if (!received.contains(rs.getString(1))) {
                    return false;
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** At least once: the delivery halted after its endpoint answered is the one that comes twice. */
    private void assertEveryEventArrived(FaultPoint point) {
        Map<String, Integer> perEvent = new HashMap<>();
        receiver.received().forEach(r -> perEvent.merge(r.eventId(), 1, Integer::sum));
        assertEquals(Db.count(db, "SELECT COUNT(*) FROM webhook_event"), perEvent.size(), "every event arrived");
        if (point == FaultPoint.WEBHOOK_DELIVERY) {
            assertTrue(perEvent.values().stream().anyMatch(n -> n > 1), "the halted delivery was sent again: " + perEvent);
        }
    }

    private static JsonPath keyRing(String admin) {
        return given().auth().oauth2(admin).get("/api/v1/admin/keys").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> kekStatuses(JsonPath keys) {
        return keys.getList("versions.findAll { it.kind == 'KEK' }.status", String.class).stream().sorted().toList();
    }

    /**
     * What the platform and an auditor see: each session's status, a receipt that verifies for each
     * result, the real-name answer with the masked name (the result's sealed identity opens), and
     * each result's masked identity in the auditor's list (none unreadable).
     */
    private void assertPlatformAndAuditorViews(String platform, List<Journey> journeys) {
        String auditor = Api.token("auditor");
        for (Journey j : journeys) {
            String id = Db.string(db, "SELECT id FROM verification_session WHERE account_id = ?", j.account);
            assertEquals(j.expected(), Api.status(platform, id));
            JsonPath realName = given().auth().oauth2(platform).get("/api/v1/accounts/" + j.account + "/real-name")
                    .then().statusCode(200).extract().jsonPath();
            boolean bound = !j.linkLost() && j.passes;
            assertEquals(bound, realName.getBoolean("verified"), j.toString());
            if (bound) {
                assertEquals(j.maskedName(), realName.getString("name"));
            }
            if (!j.linkLost()) {
                given().auth().oauth2(platform).get("/api/v1/verifications/" + id + "/receipt").then().statusCode(200);
                JsonPath rows = given().auth().oauth2(auditor).queryParam("account", j.account).get("/api/v1/audit/results")
                        .then().statusCode(200).extract().jsonPath();
                assertEquals(List.of(j.maskedName()), rows.getList("items.name_masked"), j.toString());
            }
        }
    }

    /** Every queued entry sequenced once, no gap, no repeat, and the auditor's check finds the chain intact. */
    private void assertChainVerifies() throws Exception {
        awaitTrue("the audit queue empties", Duration.ofSeconds(30),
                () -> Db.count(db, "SELECT COUNT(*) FROM audit_event WHERE seq IS NULL") == 0);
        long head = Db.count(db, "SELECT seq FROM audit_head WHERE id = 1");
        assertEquals(head, Db.count(db, "SELECT COUNT(*) FROM audit_event WHERE seq IS NOT NULL"), "no gap");
        assertEquals(head, Db.count(db, "SELECT COUNT(DISTINCT seq) FROM audit_event"), "no repeat");
        JsonPath report = given().auth().oauth2(Api.token("auditor")).get("/api/v1/audit/verify").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(report.getBoolean("intact"), report.prettify());
        assertTrue(report.getLong("entries_checked") >= head, report.prettify());
        assertTrue(report.getLong("checkpoints_checked") > 0, "checkpoints across the crash verify too: " + report.prettify());
    }

    private static void awaitTrue(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                fail("not within " + within + ": " + what);
            }
            Thread.sleep(250);
        }
    }

    private Process launch(Path log, Map<String, String> extra) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("gateway.session.ttl", TTL.toSeconds() + "s");
        properties.put("gateway.session.sweep-interval", "1s");
        properties.put("gateway.reconcile.first-attempt-after", "1s");
        properties.put("gateway.reconcile.backoff", "1s");
        properties.put("gateway.reconcile.max-backoff", "2s");
        for (String limit : List.of("account", "id-number", "client-ip")) {
            properties.put("gateway.limits." + limit + "-per-day", "1000");
            properties.put("gateway.limits." + limit + "-per-minute", "1000");
        }
        properties.put("gateway.webhooks.delivery.poll-interval", "200ms");
        properties.put("gateway.webhooks.delivery.start-delay", "1s");
        // A halted instance's claims come back after this: short, so the test need not wait long.
        properties.put("gateway.webhooks.delivery.lease", "5s");
        properties.put("gateway.webhooks.delivery.initial-backoff", "500ms");
        properties.put("gateway.webhooks.delivery.max-backoff", "2s");
        properties.put("gateway.audit.checkpoint-every", "10");
        properties.put("gateway.keys.rewrap-interval", "PT1S");
        properties.put("gateway.keys.rewrap-delay", "PT1S");
        properties.put("gateway.keys.rewrap-batch-size", "2");
        properties.putAll(extra);
        // Two starts per case: a JVM that compiles less and collects on one thread starts sooner on a busy machine.
        Process p = PackagedGateway.start("crash-it", postgres, dataDir, port,
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), properties, log.toFile(),
                Duration.ofSeconds(90));
        processes.add(p);
        return p;
    }
}
