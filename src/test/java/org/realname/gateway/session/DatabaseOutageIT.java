package org.realname.gateway.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.NoPersonalData;
import org.realname.gateway.support.PackagedGateway;
import org.realname.gateway.support.RestartablePostgres;
import org.realname.gateway.support.TestIds;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/**
 * The database stops under load and starts again (issue 13, "Database outage"). The packaged
 * gateway runs as a real process on a real PostgreSQL; platform clients keep creating
 * verifications while the server is stopped ({@code pg_ctl stop -m fast}) and started again on the
 * same port and data directory. Meanwhile every answer is {@code 503 database-unavailable} with
 * {@code Retry-After}, readiness is DOWN, and the gateway serves again afterwards without a restart;
 * no session is half-written, a refused request retried with its {@code Idempotency-Key} never
 * makes a second session, the audit chain verifies, and the background workers resume.
 */
class DatabaseOutageIT {

    private static final int CLIENTS = 4;
    private static final Duration HEALTHY = Duration.ofSeconds(4);
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private static final Duration AFTER = Duration.ofSeconds(3);
    private static final String NAME = "欧阳娜娜";
    private static final String PROBLEM = "application/problem+json";
    /** Workers that poll the database all the time: each must have noticed the outage and resumed. */
    private static final List<String> POLLING_WORKERS = List.of("Audit sequencing", "Webhook delivery", "Reconciliation",
            "Key re-wrap", "Retention purge");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private RestartablePostgres postgres;
    private Path dataDir;
    private Path log;
    private int port;
    private Process gateway;

    /** One API call as the client saw it. */
    record Call(String key, String account, String idNumber, Instant sent, Instant answered, int status, String type,
            String problem, String retryAfter, String body) {

        boolean sentAfter(Instant t) {
            return sent.isAfter(t);
        }

        boolean within(Instant from, Instant to) {
            return sent.isAfter(from) && answered.isBefore(to);
        }
    }

    @BeforeEach
    void start() throws IOException {
        postgres = RestartablePostgres.start();
        dataDir = Files.createTempDirectory("gateway-outage-");
        log = Path.of("target", "outage-it.log");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = port;
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.destroyForcibly();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
        RestAssured.reset();
        postgres.close();
    }

    @Test
    void databaseOutage_isAnswered503_andTheGatewayRecoversWithoutARestart() throws Exception {
        gateway = PackagedGateway.start("outage-it", postgres.server(), dataDir, port, List.of(), settings(), log.toFile(),
                Duration.ofSeconds(90));
        String platform = Api.token("platform");
        String auditor = Api.token("auditor");
        Api.Created before = Api.created(platform, Api.signup(TestIds.randomAccount(), NAME, TestIds.random()));

        Load load = new Load(platform);
        load.start();
        Thread.sleep(HEALTHY.toMillis());

        Instant stopping = Instant.now();
        postgres.stop();
        Instant stopped = Instant.now();
        List<Integer> readinessDuring = new ArrayList<>();
        Instant outageEnd = stopped.plus(OUTAGE);
        while (Instant.now().isBefore(outageEnd)) {
            readinessDuring.add(readiness());
            Thread.sleep(300);
        }
        HttpResponse<String> page = get(URI.create(before.redirectUrl()).getPath(), "text/html");

        Instant starting = Instant.now();
        postgres.startAgain();
        Instant ready = awaitReady(Duration.ofSeconds(30));
        Thread.sleep(AFTER.toMillis());
        List<Call> calls = load.stop();

        everyAnswerIs201Or503DatabaseUnavailable(calls);
        phasesAnswerAsExpected(calls, stopping, stopped, starting, ready);

        assertTrue(readinessDuring.size() >= 3, "readiness was probed during the outage");
        assertTrue(readinessDuring.stream().allMatch(s -> s == 503), "readiness is DOWN (503) throughout the outage: "
                + readinessDuring);
        browsersGetTheErrorPage(page);
        // The link made before the outage still works: nothing about its session was lost.
        assertEquals(303, get(URI.create(before.redirectUrl()).getPath(), "text/html").statusCode());

        DataSource db = postgres.server().getPostgresDatabase();
        noSessionIsHalfWritten(db, calls);
        retriesWithTheSameKeyMakeNoSecondSession(db, platform, calls);
        theAuditChainIsSequencedAndVerifies(db, auditor);
        theLogShowsEachWorkerPausedAndResumed_withoutStackTracesOrPersonalData(calls);
        aQuietOutageLeavesNoDeadConnectionToLend(platform);
    }

    /**
     * The pool now holds connections that the load opened and nothing uses. The server restarts
     * while no request comes; the first requests afterwards must not be lent one of the dead
     * connections (a worker's failed borrow drops one; one idle for over a second is validated
     * before it is lent).
     */
    private void aQuietOutageLeavesNoDeadConnectionToLend(String platform) throws Exception {
        postgres.stop();
        Thread.sleep(2_000);
        postgres.startAgain();
        awaitReady(Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Call>> first = new ArrayList<>();
            for (int i = 0; i < 3 * CLIENTS; i++) {
                first.add(pool.submit(() -> create(platform, UUID.randomUUID().toString(), TestIds.randomAccount(),
                        TestIds.random())));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Call> f : first) {
                statuses.add(f.get(60, TimeUnit.SECONDS).status());
            }
            assertTrue(statuses.stream().allMatch(s -> s == 201),
                    "the first requests after a quiet restart get live connections: " + statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    private void everyAnswerIs201Or503DatabaseUnavailable(List<Call> calls) {
        assertFalse(calls.isEmpty());
        for (Call c : calls) {
            if (c.status() == 201) {
                continue;
            }
            assertEquals(503, c.status(), "an API answer other than 201 or 503 (type " + c.problem() + ")");
            assertTrue(c.type().startsWith(PROBLEM), "a 503 is a problem document: " + c.type());
            assertEquals("database-unavailable", c.problem());
            assertEquals("5", c.retryAfter(), "a 503 says when to try again");
            for (String leak : List.of("SQL", "sql", "insert", "select", "Exception", "postgres", "localhost:", "\tat ")) {
                assertFalse(c.body().contains(leak), "a 503 body quotes the failure (" + leak + ")");
            }
            NoPersonalData.assertNotQuoted("a 503 body", c.body(), NAME, c.idNumber(), c.account());
        }
    }

    private void phasesAnswerAsExpected(List<Call> calls, Instant stopping, Instant stopped, Instant starting,
            Instant ready) {
        List<Call> healthy = calls.stream().filter(c -> c.answered().isBefore(stopping)).toList();
        List<Call> down = calls.stream().filter(c -> c.within(stopped, starting)).toList();
        List<Call> recovered = calls.stream().filter(c -> c.sentAfter(ready)).toList();
        List<Long> downMillis = down.stream().map(c -> Duration.between(c.sent(), c.answered()).toMillis()).sorted().toList();
        System.out.printf("outage IT: %d calls: %d before the stop, %d during the outage (answered in %s ms), %d after "
                + "readiness UP (ready %d ms after the start began)%n", calls.size(), healthy.size(), down.size(),
                downMillis, recovered.size(), Duration.between(starting, ready).toMillis());

        assertTrue(healthy.size() >= CLIENTS, "the clients created sessions before the stop");
        assertTrue(healthy.stream().allMatch(c -> c.status() == 201), "before the stop every request succeeds");
        assertTrue(down.size() >= CLIENTS, "the clients kept asking during the outage: " + down.size());
        assertTrue(down.stream().allMatch(c -> c.status() == 503), "during the outage every answer is 503");
        long slowest = downMillis.isEmpty() ? 0 : downMillis.get(downMillis.size() - 1);
        assertTrue(slowest < 6_000, "a request during the outage fails fast (acquisition timeout 5 s), not "
                + slowest + " ms");
        assertTrue(recovered.size() >= CLIENTS, "the clients kept asking after the recovery");
        List<Integer> after = recovered.stream().map(Call::status).filter(s -> s != 201).toList();
        assertTrue(after.isEmpty(), "after readiness is UP again every request succeeds, without a restart: " + after);
    }

    private static void browsersGetTheErrorPage(HttpResponse<String> page) {
        assertEquals(503, page.statusCode(), "a page during the outage");
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "browsers get a page");
        assertEquals("5", page.headers().firstValue("Retry-After").orElse(null));
        assertTrue(page.body().contains("database-unavailable"), "the page names the error");
        assertTrue(page.body().contains("服务暂时不可用"), "the page says it in Chinese");
        assertFalse(page.body().contains("Exception"), "the page quotes no exception");
    }

    private static void noSessionIsHalfWritten(DataSource db, List<Call> calls) throws SQLException {
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM verification_session WHERE status <> 'CREATED'"
                + " OR name_ciphertext IS NULL OR id_number_ciphertext IS NULL OR id_number_index IS NULL"
                + " OR identity_key_id IS NULL OR link_token_ciphertext IS NULL"),
                "every session is whole: created, identity sealed, link kept");
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM verification_session s WHERE (SELECT COUNT(*) FROM audit_event a"
                + " WHERE a.record_id = s.id AND a.event_type = 'SESSION_CREATED') <> 1"),
                "every session has exactly one SESSION_CREATED audit entry");
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM audit_event a WHERE a.event_type = 'SESSION_CREATED'"
                + " AND NOT EXISTS (SELECT 1 FROM verification_session s WHERE s.id = a.record_id)"),
                "no audit entry of a creation that rolled back");
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM account_key k WHERE NOT EXISTS"
                + " (SELECT 1 FROM verification_session s WHERE s.account_id = k.account_id)"),
                "no data key of an account whose session rolled back");
        Map<String, List<String>> keys = sessionKeysByAccount(db);
        for (Call c : calls) {
            if (c.status() == 201) {
                assertEquals(List.of(c.key()), keys.get(c.account()), "a created session is stored once");
            }
        }
    }

    /** The Idempotency-Keys of the stored sessions, by account, in one read. */
    private static Map<String, List<String>> sessionKeysByAccount(DataSource db) throws SQLException {
        Map<String, List<String>> keys = new HashMap<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT account_id, idempotency_key FROM verification_session")) {
            while (rs.next()) {
                keys.computeIfAbsent(rs.getString(1), a -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return keys;
    }

    /**
     * A refused request left nothing behind, unless its commit went through and only the answer
     * was lost when the server ended the connection: then at most one per client, and retrying with
     * the same Idempotency-Key answers that very session, as it does for everyone else a new one.
     */
    private void retriesWithTheSameKeyMakeNoSecondSession(DataSource db, String platform, List<Call> calls)
            throws Exception {
        List<Call> refused = calls.stream().filter(c -> c.status() == 503).toList();
        Map<String, List<String>> stored = sessionKeysByAccount(db);
        List<Call> inDoubt = refused.stream().filter(c -> stored.containsKey(c.account())).toList();
        System.out.printf("outage IT: %d refused, %d of them committed before the connection ended%n", refused.size(),
                inDoubt.size());
        assertTrue(inDoubt.size() <= CLIENTS, "only requests in flight at the stop can have committed: " + inDoubt.size());

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Call>> retried = new ArrayList<>();
            for (Call c : refused) {
                retried.add(pool.submit(() -> create(platform, c.key(), c.account(), c.idNumber())));
            }
            for (int i = 0; i < refused.size(); i++) {
                Call again = retried.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(201, again.status(), "a refused request retried after the outage succeeds");
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, List<String>> after = sessionKeysByAccount(db);
        for (Call c : calls) {
            // Answered 201 at first or on the retry: one session per request, under the request's own key.
            assertEquals(List.of(c.key()), after.get(c.account()), "one session per request, retries included");
        }
        assertEquals(calls.size() + 1, after.size(), "no session of a request nobody made");
    }

    private static void theAuditChainIsSequencedAndVerifies(DataSource db, String auditor) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        while (Db.count(db, "SELECT COUNT(*) FROM audit_event WHERE seq IS NULL") > 0) {
            assertTrue(Instant.now().isBefore(end), "the audit sequencer works off its queue after the outage");
            Thread.sleep(200);
        }
        given().auth().oauth2(auditor).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", org.hamcrest.Matchers.equalTo(true));
    }

    private void theLogShowsEachWorkerPausedAndResumed_withoutStackTracesOrPersonalData(List<Call> calls)
            throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        for (String worker : POLLING_WORKERS) {
            int paused = text.indexOf(worker + " paused: the database is unavailable");
            assertTrue(paused >= 0, worker + " noticed the outage");
            assertTrue(text.indexOf(worker + " resumed", paused) > paused, worker + " resumed after the outage");
            assertTrue(occurrences(text, worker + " paused") <= 2, worker + " logs the outage once, not every retry");
        }
        int pausedSweep = text.indexOf("Session sweep paused");
        assertTrue(pausedSweep < 0 || text.indexOf("Session sweep resumed", pausedSweep) > 0, "the sweep resumed");
        assertFalse(text.contains("Error occurred while executing task"), "no scheduled job failed with a stack trace");
        assertFalse(text.contains("Unexpected failure"), "no request failed as an unexpected 500");
        assertTrue(text.contains("Database unavailable (request "), "refused requests are logged by id");
        List<String> personal = new ArrayList<>(List.of(NAME));
        calls.stream().map(Call::idNumber).distinct().forEach(personal::add);
        NoPersonalData.assertNotQuoted("the gateway log", text, personal.toArray(String[]::new));
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        // Many sessions from one address and for reused ID numbers: the limits are not under test.
        for (String limit : List.of("account-per-day", "account-per-minute", "id-number-per-day", "id-number-per-minute",
                "client-ip-per-day", "client-ip-per-minute")) {
            s.put("gateway.limits." + limit, "0");
        }
        // The background workers run every second, so each meets the outage and must come through it.
        s.put("gateway.reconcile.interval", "1s");
        s.put("gateway.reconcile.initial-delay", "1s");
        s.put("gateway.session.sweep-interval", "1s");
        s.put("gateway.keys.rewrap-interval", "PT1S");
        s.put("gateway.keys.rewrap-delay", "PT1S");
        s.put("gateway.retention.purge-interval", "PT1S");
        s.put("gateway.retention.purge-delay", "PT1S");
        s.put("gateway.webhooks.delivery.poll-interval", "200ms");
        s.put("gateway.webhooks.delivery.start-delay", "1s");
        return s;
    }

    /** 200 when ready, 503 when not. */
    private int readiness() throws Exception {
        return get("/q/health/ready", "application/json").statusCode();
    }

    private Instant awaitReady(Duration within) throws Exception {
        Instant end = Instant.now().plus(within);
        while (Instant.now().isBefore(end)) {
            if (readiness() == 200) {
                return Instant.now();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("readiness did not come back UP within " + within);
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept)
                .timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Call create(String token, String key, String account, String idNumber) throws Exception {
        Map<String, Object> body = Api.signup(account, NAME, idNumber);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/verifications"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        Instant sent = Instant.now();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Instant answered = Instant.now();
        String type = r.headers().firstValue("Content-Type").orElse("");
        String problem = "";
        if (r.statusCode() == 201) {
            assertNotNull(json.readTree(r.body()).path("id").textValue(), "a 201 names its session");
        } else if (type.startsWith(PROBLEM)) {
            problem = json.readTree(r.body()).path("type").asText().replace(ErrorCode.TYPE_BASE, "");
        }
        return new Call(key, account, idNumber, sent, answered, r.statusCode(), type, problem,
                r.headers().firstValue("Retry-After").orElse(null), r.body());
    }

    /** Platform clients creating verifications back to back, each with a fresh account and Idempotency-Key. */
    private final class Load {

        private final String token;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

        Load(String token) {
            this.token = token;
        }

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(this::run);
            }
        }

        private void run() {
            while (running.get()) {
                try {
                    calls.add(create(token, UUID.randomUUID().toString(), TestIds.randomAccount(), TestIds.random()));
                    // About ten requests a second per client: load, without starving the shared cores.
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Throwable t) {
                    // A connection error or a timeout means the gateway itself failed: always a test failure.
                    failures.add(t);
                    return;
                }
            }
        }

        List<Call> stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "the clients finished");
            assertTrue(failures.isEmpty(), "every request got an HTTP answer: " + failures.stream()
                    .map(t -> t.getClass().getSimpleName()).toList());
            return calls.stream().sorted((a, b) -> a.sent().compareTo(b.sent())).toList();
        }
    }
}
