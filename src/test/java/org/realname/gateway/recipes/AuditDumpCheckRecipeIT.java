package org.realname.gateway.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.PackagedGateway;
import org.realname.gateway.support.TestIds;

import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * {@code docs/audit.md}, "Offline, from a dump": {@code docs/recipes/audit-dump-check.sh} as
 * written, run by bash in its own process with psql, curl and the packaged build's class path,
 * against the packaged gateway on a real PostgreSQL. The dump of a trail with a signed checkpoint
 * checks intact; after a DBA changes one entry behind the trigger's back, the next dump is broken
 * at exactly that entry.
 */
class AuditDumpCheckRecipeIT {

    static final String RECIPE = "docs/recipes/audit-dump-check.sh";
    private static final Pattern NUMBER = Pattern.compile("\"(entries_checked|checkpoints_checked|first_broken_seq)\":(\\d+)");

    private EmbeddedPostgres postgres;
    private Process gateway;
    private String base;

    /** Started by the test that needs it, not for the doc check. */
    private void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Path dataDir = Files.createTempDirectory("audit-dump-recipe-");
        // Checkpoints by count and looked for every second: the dump then has one to check.
        Map<String, String> properties = Map.of("gateway.audit.checkpoint-every", "3", "gateway.audit.checkpoint-poll", "PT1S");
        for (int attempt = 1; gateway == null; attempt++) {
            int port = portBelowTheEphemeralRange();
            RestAssured.baseURI = "http://localhost";
            RestAssured.port = port;
            try {
                gateway = PackagedGateway.start("audit-dump-it", postgres, dataDir, port, List.of(), properties,
                        Path.of("target", "audit-dump-recipe-it.log").toFile(), Duration.ofSeconds(90));
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e; // not a port taken in between, three times: see the log
                }
            }
        }
        base = "http://localhost:" + RestAssured.port;
    }

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        RestAssured.reset();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theDocShowsTheTestedFile() throws Exception {
        Recipes.assertDocShowsTheFile("docs/audit.md", RECIPE);
    }

    @Test
    void theRecipe_findsTheTrailIntact_andThenTheEntryADbaChanged() throws Exception {
        start();
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.assertRedirectStatus(Api.completeFlow(c.redirectUrl(), "pass"), c.id(), "PASSED");
        awaitACheckpoint();
        String auditor = Api.token("auditor");

        Recipes.Run intact = run(auditor);
        assertEquals(0, intact.exit(), intact.both());
        assertTrue(intact.out().startsWith("{\"intact\":true"), intact.both());
        assertTrue(number(intact, "entries_checked") > 0, intact.both());
        assertTrue(number(intact, "checkpoints_checked") >= 1, intact.both());

        long changed = changeOneEntryAsDba();
        Recipes.Run broken = run(auditor);
        assertEquals(1, broken.exit(), broken.both());
        assertTrue(broken.out().startsWith("{\"intact\":false"), broken.both());
        assertEquals(changed, number(broken, "first_broken_seq"), broken.both());
    }

    /** The script in a fresh folder (it writes its files where it runs), told only what its header asks for. */
    private Recipes.Run run(String auditorToken) throws Exception {
        Path folder = Files.createTempDirectory("audit-dump-check-");
        ProcessBuilder pb = new ProcessBuilder("bash", Recipes.file(RECIPE).toString()).directory(folder.toFile());
        pb.environment().put("DATABASE_URL", "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres");
        pb.environment().put("AUDITOR_TOKEN", auditorToken);
        pb.environment().put("GATEWAY_URL", base);
        pb.environment().put("GATEWAY_BUILD", Recipes.file("target/quarkus-app").toString());
        Recipes.Run run = Recipes.run(pb);
        for (String file : List.of("checkpoints.csv", "events.csv", "signing-certificates.pem")) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file + " written: " + run.both());
        }
        return run;
    }

    private void awaitACheckpoint() throws Exception {
        Instant end = Instant.now().plusSeconds(30);
        while (count("SELECT count(*) FROM audit_checkpoint") == 0) {
            assertTrue(Instant.now().isBefore(end), "a checkpoint within 30 s");
            Thread.sleep(300);
        }
    }

    /** The first entry's outcome changed, with the append-only trigger off for that one statement. */
    private long changeOneEntryAsDba() throws Exception {
        long seq = count("SELECT min(seq) FROM audit_event WHERE outcome IS NOT NULL");
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            assertEquals(1, s.executeUpdate("UPDATE audit_event SET outcome = outcome || '-changed' WHERE seq = " + seq));
            s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            c.commit();
        }
        return seq;
    }

    private long count(String sql) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long number(Recipes.Run run, String field) {
        Matcher m = NUMBER.matcher(run.out());
        while (m.find()) {
            if (m.group(1).equals(field)) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("no " + field + " in " + run.both());
    }

    /** Bound later by the gateway: below Linux's ephemeral range, where no outgoing connection takes it meanwhile. */
    private static int portBelowTheEphemeralRange() {
        Random random = new Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }
}
