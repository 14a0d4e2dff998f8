package org.realname.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.PackagedGateway;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The audit queue across processes, on PostgreSQL: entries queued by a gateway killed with
 * {@code kill -9} before its sequencer took them are sequenced after the restart, none lost;
 * then two gateways sequencing at once under a concurrent load give one gap-free chain, and
 * both took turns.
 */
class AuditSequencerIT {

    static final int QUEUED_AT_KILL = 40;
    static final int THREADS = 8;
    static final int READS_PER_THREAD = 50;

    private EmbeddedPostgres postgres;
    private Path dataDir;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataDir = Files.createTempDirectory("gateway-sequencer-");
        RestAssured.baseURI = "http://localhost";
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        RestAssured.reset();
        postgres.close();
    }

    @Test
    void aKill9BeforeSequencing_losesNothing_andTwoSequencersGiveOneChain() throws Exception {
        int a = freePort();
        int b = freePort();
        // A sequencer that takes its first turns at start, then rests for an hour: what is
        // appended afterwards stays in the queue.
        launch("a0", a, a, Map.of("gateway.audit.sequence-interval", "PT1H"));
        Process first = processes.get(processes.size() - 1);
        RestAssured.port = a;
        String platform = token("platform", "platform-seq");
        for (int i = 0; i < QUEUED_AT_KILL; i++) {
            given().auth().oauth2(platform).get("/api/v1/accounts/kill9-" + i + "/real-name").then().statusCode(200);
        }
        assertEquals(QUEUED_AT_KILL, count("SELECT COUNT(*) FROM audit_event WHERE record_id LIKE 'kill9-%' AND seq IS NULL"),
                "committed, still queued");

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertEquals(QUEUED_AT_KILL, count("SELECT COUNT(*) FROM audit_event WHERE record_id LIKE 'kill9-%' AND seq IS NULL"),
                "the kill lost nothing");

        // Both sequence in small batches, turning often, so their turns interleave.
        Map<String, String> racing = Map.of("gateway.audit.sequence-interval", "PT0.01S",
                "gateway.audit.sequence-batch", "7");
        Path logA = launch("a", a, a, racing);
        Path logB = launch("b", b, a, racing);
        awaitEmptyQueue();
        assertEquals(QUEUED_AT_KILL, count("SELECT COUNT(*) FROM audit_event WHERE record_id LIKE 'kill9-%' "
                + "AND seq IS NOT NULL"), "each queued entry sequenced after the restart, once");

        String token = token("platform", "platform-seq");
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < READS_PER_THREAD; i++) {
                        int port = (thread + i) % 2 == 0 ? a : b;
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + "/api/v1/accounts/race-" + thread + "-" + i + "/real-name"))
                                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
                        ok += r.statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : done) {
                ok += f.get(120, TimeUnit.SECONDS);
            }
            assertEquals(THREADS * READS_PER_THREAD, ok);
        } finally {
            pool.shutdownNow();
        }
        awaitEmptyQueue();
        assertEquals(THREADS * READS_PER_THREAD, count("SELECT COUNT(*) FROM audit_event WHERE record_id LIKE 'race-%' "
                + "AND event_type = 'RESULT_READ'"), "every read on the trail");

        long head = count("SELECT seq FROM audit_head WHERE id = 1");
        assertEquals(head, count("SELECT COUNT(*) FROM audit_event WHERE seq IS NOT NULL"), "no gap");
        assertEquals(head, count("SELECT COUNT(DISTINCT seq) FROM audit_event"), "no repeat");
        assertEquals(head, count("SELECT MAX(seq) FROM audit_event"));
        RestAssured.port = b;
        given().auth().oauth2(token("auditor", "auditor-seq")).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", org.hamcrest.Matchers.equalTo(true));
        assertTrue(turns(logA) > 0 && turns(logB) > 0, "both instances sequenced: " + turns(logA) + " and " + turns(logB));
    }

    private void awaitEmptyQueue() throws Exception {
        Instant end = Instant.now().plusSeconds(60);
        while (count("SELECT COUNT(*) FROM audit_event WHERE seq IS NULL") > 0) {
            assertTrue(Instant.now().isBefore(end), "the queue empties");
            Thread.sleep(50);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long turns(Path log) throws Exception {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Sequenced ") && l.contains(" audit entries")).count();
        }
    }

    private static String token(String role, String subject) {
        return given().contentType(ContentType.JSON).body(Map.of("roles", List.of(role), "subject", subject))
                .post("/dev/tokens").then().statusCode(200).extract().path("access_token");
    }

    private Path launch(String name, int port, int publicPort, Map<String, String> extra) throws Exception {
        RestAssured.port = port;
        Path log = Path.of("target", "sequencer-it-" + name + ".log");
        Map<String, String> properties = new LinkedHashMap<>(extra);
        properties.put("gateway.public-base-url", "http://localhost:" + publicPort);
        properties.put("quarkus.log.category.\"org.realname.gateway.audit\".level", "DEBUG");
        processes.add(PackagedGateway.start("sequencer-it", postgres, dataDir, port, List.of(), properties, log.toFile(),
                Duration.ofSeconds(90)));
        return log;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
