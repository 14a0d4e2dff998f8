package org.realname.gateway.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.EmbeddedPostgresResource;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The commit budget of a complete flow (create, link, consent page, consent, the sandbox's face
 * page and pass, the return), the sandbox's own transactions included, counted by PostgreSQL
 * itself ({@code pg_stat_database.xact_commit}, which counts read-only transactions too). The
 * background jobs' commits over an idle stretch of the same length are taken off, so the figure
 * is the flow's own; the load suite measures the same under load (docs/benchmarks.md).
 */
@QuarkusTest
@TestProfile(PostgresCommitsPerFlowTest.Quiet.class)
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresCommitsPerFlowTest {

    static final int FLOWS = 10;
    /** The budget of issue 12. */
    static final double BUDGET = 10.0;

    /** The pg profile with the background jobs held back, so they do not touch the count. */
    public static class Quiet implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "pg";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // The background writers wait the whole test: so the count is the flow's own, exactly.
            // Their batches (audit sequencing, security log) serve many flows at once under load,
            // a few hundredths of a commit each (the load suite measures them: benchmarks.md).
            // The pool's validation of a connection idle over a second (a round trip that
            // pg_stat_database counts as a commit) is housekeeping, not a step of the flow: on a
            // loaded machine, where the flow's requests are slower, it added up to two "commits" a
            // flow (11.4 in a CI run against 9.2 alone). Off here, like the other background work.
            return Map.ofEntries(Map.entry("gateway.keys.rewrap-interval", "PT1H"), Map.entry("gateway.keys.rewrap-delay", "PT1H"),
                    Map.entry("gateway.webhooks.delivery.poll-interval", "1h"), Map.entry("gateway.audit.sequence-interval", "PT1H"),
                    Map.entry("gateway.retention.security-log-flush", "PT1H"), Map.entry("gateway.metrics.backlog-refresh", "PT1H"),
                    Map.entry("quarkus.datasource.jdbc.foreground-validation-interval", "0"),
                    Map.entry("quarkus.datasource.jdbc.background-validation-interval", "PT1H"));
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aCompleteFlow_commitsAtMostTenTimes() throws Exception {
        String platform = Api.token("platform");
        // Warm up (first use of keys and caches), then let every backend report its counts.
        Api.completeFlow(Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random())).redirectUrl(),
                "pass");
        settle();

        long start = commits();
        long t0 = System.nanoTime();
        for (int i = 0; i < FLOWS; i++) {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            String back = browse(c.redirectUrl());
            assertTrue(back.contains("status=PASSED"), back);
        }
        long busy = System.nanoTime() - t0;
        settle();
        long flows = commits() - start;

        long idleStart = commits();
        Thread.sleep(busy / 1_000_000);
        settle();
        long idle = commits() - idleStart;

        double perFlow = (double) (flows - idle) / FLOWS;
        System.out.printf("commits per flow: %.1f (%d over %d flows, %d idle in as long)%n", perFlow, flows, FLOWS, idle);
        assertTrue(perFlow <= BUDGET, "commits per complete flow: " + perFlow);
        assertTrue(perFlow >= 5, "the count sees the flow's commits at all: " + perFlow);
    }

    /** A browser's requests, each once: link, consent page, consent, the sandbox's pages, the return. */
    private static String browse(String redirectUrl) {
        Api.Browser b = Api.open(redirectUrl);
        Map<String, String> shown = Api.shownRules(b);
        String certifyUrl = given().redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret()).formParams(shown)
                .formParam("consent", "on").post(b.path() + "/consent").then().statusCode(302).extract().header("Location");
        Response back = Api.comeBack(b, Api.faceCapture(certifyUrl, "pass"));
        back.then().statusCode(302);
        return back.header("Location");
    }

    /** PostgreSQL backends report their counts when idle for a while (at most about 10 s later). */
    private static void settle() throws InterruptedException {
        Thread.sleep(11_500);
    }

    private long commits() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
