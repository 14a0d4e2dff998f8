package org.realname.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.PackagedGateway;
import org.realname.gateway.support.TestIds;

import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Nothing is lost when the gateway dies: the packaged gateway runs as a real process on a real
 * PostgreSQL, users finish (or not) at the provider, the process is killed before any browser
 * comes back, a new process starts, and reconciliation finishes every pending session with the
 * provider's real outcome.
 */
class GatewayRestartIT {

    private EmbeddedPostgres postgres;
    private Path dataDir;
    private int port;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataDir = Files.createTempDirectory("gateway-restart-");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = port;
    }

    @AfterEach
    void stop() throws IOException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        RestAssured.reset();
        postgres.close();
    }

    @Test
    void pendingSessions_areFinishedAfterACrashAndRestart() throws Exception {
        Process first = launch("first", Map.of(
                "gateway.reconcile.interval", "1h",
                "gateway.reconcile.initial-delay", "1h",
                "gateway.reconcile.first-attempt-after", "1s"));
        String platform = Api.token("platform");

        Api.Created passed = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.faceCapture(Api.consent(Api.open(passed.redirectUrl())), "pass");
        Api.Created failed = Api.created(platform, Api.signup(TestIds.randomAccount(), "李四", TestIds.random()));
        Api.faceCapture(Api.consent(Api.open(failed.redirectUrl())), "fail");
        Api.Created abandoned = Api.created(platform, Api.signup(TestIds.randomAccount(), "王五", TestIds.random()));
        Api.consent(Api.open(abandoned.redirectUrl()));
        for (Api.Created c : List.of(passed, failed, abandoned)) {
            assertEquals("PENDING", Api.status(platform, c.id()), "at the provider, browser not back yet");
        }

        // The crash: no shutdown hook, no chance to finish anything.
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));

        // The first run waits until the process (and with it the sandbox provider) is listening.
        launch("second", Map.of(
                "gateway.reconcile.interval", "1s",
                "gateway.reconcile.initial-delay", "8s"));

        // Tokens survive the restart: the development issuer's key pair is in the data folder.
        assertEquals("PASSED", awaitFinal(platform, passed.id(), Duration.ofSeconds(40)));
        assertEquals("FAILED", awaitFinal(platform, failed.id(), Duration.ofSeconds(40)));
        // The user never finished: it stays pending until overdue, then expires (TTL 20 s here).
        assertEquals("EXPIRED", awaitFinal(platform, abandoned.id(), Duration.ofSeconds(60)));

        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT outcome FROM verification_result WHERE session_id = ?")) {
            assertEquals("PASS", single(ps, passed.id()));
            assertEquals("FAIL", single(ps, failed.id()));
            assertEquals(null, single(ps, abandoned.id()));
        }
    }

    private static String single(PreparedStatement ps, String id) throws Exception {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            String value = rs.next() ? rs.getString(1) : null;
            assertTrue(!rs.next(), "at most one result per session");
            return value;
        }
    }

    private String awaitFinal(String token, String id, Duration limit) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        String status = null;
        while (Instant.now().isBefore(end)) {
            status = Api.status(token, id);
            if (!status.equals("PENDING")) {
                return status;
            }
            Thread.sleep(500);
        }
        return status;
    }

    private Process launch(String name, Map<String, String> extra) throws Exception {
        Map<String, String> properties = new java.util.LinkedHashMap<>(Map.of("gateway.session.ttl", "20s"));
        properties.putAll(extra);
        Process p = PackagedGateway.start("restart", postgres, dataDir, port, List.of(), properties,
                Path.of("target", "restart-it-" + name + ".log").toFile(), Duration.ofSeconds(60));
        processes.add(p);
        return p;
    }
}
