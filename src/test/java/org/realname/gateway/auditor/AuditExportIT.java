package org.realname.gateway.auditor;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.PackagedGateway;

import io.restassured.RestAssured;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Exports stream: the packaged gateway runs on a real PostgreSQL with a 64 MB heap (and exits
 * on an OutOfMemoryError), 100 000 audit entries and 100 000 results (with 2 x 256-byte
 * ciphertexts each, well over the heap if the rows were ever held at once) are inserted by SQL,
 * and both exports are downloaded and counted line by line.
 */
class AuditExportIT {

    static final int ROWS = 100_000;
    static final String HEAP = "-Xmx64m";

    private EmbeddedPostgres postgres;
    private Path dataDir;
    private int port;
    private Process gateway;

    @BeforeEach
    void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataDir = Files.createTempDirectory("gateway-export-");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = port;
    }

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        RestAssured.reset();
        postgres.close();
    }

    @Test
    void hundredThousandRows_streamUnderASmallFixedHeap() throws Exception {
        gateway = launch();
        insertRows();
        String auditor = Api.token("it-auditor", "auditor");

        long results = countLines("/api/v1/audit/results/export?format=csv", auditor);
        assertEquals(ROWS + 1, results, "header and one line per result");
        long events = countLines("/api/v1/audit/events/export?format=jsonl&event_type=SESSION_CREATED", auditor);
        assertEquals(ROWS, events, "one JSON line per entry");
        long eventsCsv = countLines("/api/v1/audit/events/export?format=csv&event_type=SESSION_CREATED", auditor);
        assertEquals(ROWS + 1, eventsCsv);

        assertTrue(gateway.isAlive(), "the gateway did not run out of memory");
        given().get("/q/health/ready").then().statusCode(200);
    }

    private long countLines(String path, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(3)).build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode(), path);
        long lines = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                lines++;
            }
        }
        return lines;
    }

    /** Rows straight into the tables; the chain of the inserted entries is not valid, and need not be for an export. */
    private void insertRows() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO audit_event (seq, occurred_at, actor, actor_role, event_type, record_type, record_id, "
                    + "outcome, prev_hash, hash) SELECT h.seq + g, now(), 'it-loader', 'platform', 'SESSION_CREATED', "
                    + "'verification_session', 'it-session-' || g, 'SIGNUP', repeat('0', 64), repeat('a', 64) "
                    + "FROM audit_head h, generate_series(1, " + ROWS + ") g WHERE h.id = 1");
            s.execute("UPDATE audit_head SET seq = seq + " + ROWS + " WHERE id = 1");
            s.execute("INSERT INTO verification_session (id, account_id, purpose, status, return_url, provider, "
                    + "link_token_hash, created_by, created_at, updated_at, expires_at, version) SELECT 'its' || g, "
                    + "'it-acct-' || (g % 1000), 'SIGNUP', 'PASSED', 'http://localhost/', 'alipay', md5('link' || g), "
                    + "'it', now(), now(), now(), 0 FROM generate_series(1, " + ROWS + ") g");
            s.execute("INSERT INTO consent_record (id, session_id, rules_version, rules_effective_date, rules_digest, "
                    + "consented_at) SELECT 'itc' || g, 'its' || g, 'v1', DATE '2026-01-01', repeat('0', 64), now() "
                    + "FROM generate_series(1, " + ROWS + ") g");
            s.execute("INSERT INTO verification_result (id, session_id, account_id, purpose, outcome, provider, "
                    + "provider_reference, verified_at, consent_id, identity_key_id, name_ciphertext, id_number_ciphertext, "
                    + "id_number_index, status) SELECT 'itr' || g, 'its' || g, 'it-acct-' || (g % 1000), 'SIGNUP', "
                    + "CASE WHEN g % 3 = 0 THEN 'FAIL' ELSE 'PASS' END, 'alipay', 'ref' || g, "
                    + "now() - (g || ' milliseconds')::interval, 'itc' || g, 'dek-v1', decode(repeat('ab', 256), 'hex'), "
                    + "decode(repeat('cd', 256), 'hex'), md5('idx' || g), CASE WHEN g % 2 = 0 THEN 'ERASED' ELSE 'VALID' END "
                    + "FROM generate_series(1, " + ROWS + ") g");
        }
    }

    private Process launch() throws Exception {
        // -Dexport-it.fetch-size=0 (read everything at once) makes this test fail: that is how it
        // was checked to prove the streaming.
        return PackagedGateway.start("export-it", postgres, dataDir, port, List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"),
                Map.of("gateway.auditor.export-fetch-size", System.getProperty("export-it.fetch-size", "1000")),
                Path.of("target", "export-it.log").toFile(), Duration.ofSeconds(90));
    }
}
