package org.realname.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.PackagedGateway;
import org.realname.gateway.support.WebhookReceiver;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two gateway processes on one PostgreSQL, both running the delivery worker against one slow
 * receiver: every event arrives exactly once (the lease-and-SKIP-LOCKED claim never lets both
 * send the same delivery), and both instances do part of the work.
 */
class WebhookTwoInstancesIT {

    static final int PINGS = 120;

    private EmbeddedPostgres postgres;
    private Path dataDir;
    private WebhookReceiver receiver;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataDir = Files.createTempDirectory("gateway-webhooks-");
        receiver = new WebhookReceiver();
        receiver.delay(Duration.ofMillis(15));
        RestAssured.baseURI = "http://localhost";
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

    @Test
    void twoInstances_neverDeliverOneEventTwice() throws Exception {
        int a = freePort();
        int b = freePort();
        Path logA = launch("a", a, a);
        // Behind one public address, as behind a load balancer: tokens are issued for it.
        Path logB = launch("b", b, a);

        RestAssured.port = a;
        String platform = given().contentType(ContentType.JSON).body(Map.of("roles", List.of("platform"), "subject", "platform-two"))
                .post("/dev/tokens").then().statusCode(200).extract().path("access_token");
        String subscription = given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "events", List.of("ping"))).post("/api/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        // Events are queued through both instances; both workers poll the same outbox.
        for (int i = 0; i < PINGS; i++) {
            given().port(i % 2 == 0 ? a : b).auth().oauth2(platform).post("/api/v1/webhooks/" + subscription + "/ping")
                    .then().statusCode(202);
        }
        int events = PINGS + 1; // and the ping made by subscribing
        receiver.await(r -> true, events, Duration.ofSeconds(120));
        Thread.sleep(3000); // room for a duplicate to show up

        Map<String, Integer> perEvent = new HashMap<>();
        receiver.received().forEach(r -> perEvent.merge(r.eventId(), 1, Integer::sum));
        assertEquals(events, perEvent.size(), "every event arrived");
        assertEquals(events, receiver.received().size(), "none twice: " + duplicates(perEvent));

        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(attempts), MIN(status), MAX(status) FROM webhook_delivery")) {
            rs.next();
            assertEquals(events, rs.getInt(1));
            assertEquals(events, rs.getInt(2), "one attempt each");
            assertEquals("DELIVERED", rs.getString(3));
            assertEquals("DELIVERED", rs.getString(4));
        }
        long byA = delivered(logA);
        long byB = delivered(logB);
        assertEquals(events, byA + byB, "each delivery logged once, by the instance that sent it");
        assertTrue(byA > 0 && byB > 0, "both instances delivered: " + byA + " and " + byB);
    }

    private static Map<String, Integer> duplicates(Map<String, Integer> perEvent) {
        Map<String, Integer> d = new LinkedHashMap<>();
        perEvent.forEach((k, v) -> {
            if (v > 1) {
                d.put(k, v);
            }
        });
        return d;
    }

    private static long delivered(Path log) throws Exception {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Webhook delivery") && l.contains(" delivered (attempt")).count();
        }
    }

    private Path launch(String name, int port, int publicPort) throws Exception {
        RestAssured.port = port;
        Path log = Path.of("target", "webhooks-it-" + name + ".log");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("gateway.public-base-url", "http://localhost:" + publicPort);
        properties.put("gateway.webhooks.delivery.poll-interval", "100ms");
        properties.put("gateway.webhooks.delivery.start-delay", "1s");
        properties.put("gateway.webhooks.delivery.batch-size", "5");
        properties.put("quarkus.log.category.\"org.realname.gateway.webhook.delivery\".level", "DEBUG");
        processes.add(PackagedGateway.start("webhooks-it", postgres, dataDir, port, List.of(), properties, log.toFile(),
                Duration.ofSeconds(90)));
        return log;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
