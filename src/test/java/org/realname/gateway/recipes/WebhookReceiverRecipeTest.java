package org.realname.gateway.recipes;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * {@code docs/webhooks.md}, "Java: WebhookVerifier": the receiver as written, in its own JVM with
 * only the {@code webhook.api} package (compiled alone, which also proves it needs nothing else of
 * the gateway) and bcprov, receiving the gateway's real delivery of a passed verification.
 */
@QuarkusTest
class WebhookReceiverRecipeTest {

    static final String RECIPE = "docs/recipes/WebhookReceiver.java";

    @Test
    void theDocShowsTheTestedFile() throws Exception {
        Recipes.assertDocShowsTheFile("docs/webhooks.md", RECIPE);
    }

    @Test
    void theRecipe_verifiesTheGatewaysDelivery_andRefusesAForgedOne() throws Exception {
        List<String> bcprov = Recipes.jars("bcprov-jdk18on");
        Path api = compileTheApiPackageAlone(bcprov);
        // The receiver binds a port the test chooses (the recipe takes it as its argument). Chosen
        // below the ephemeral range, so no outgoing connection of the suite holds it, and tried
        // again on another port if it is taken all the same.
        int port = 0;
        String platform = null;
        Process receiver = null;
        BlockingQueue<String> lines = null;
        for (int attempt = 0; attempt < 5 && receiver == null; attempt++) {
            port = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12000);
            platform = Api.token("recipe-platform-" + TestIds.randomAccount(), "platform");
            Response subscribed = given().auth().oauth2(platform).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:" + port + "/hooks/realname", "events", List.of("verification.passed")))
                    .post("/api/v1/webhooks");
            subscribed.then().statusCode(201);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", api + File.pathSeparator + bcprov.get(0), Recipes.file(RECIPE).toString(), String.valueOf(port)));
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("REALNAME_WEBHOOK_SECRET", subscribed.path("secret"));
            Process started = pb.start();
            BlockingQueue<String> out = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                    r.lines().forEach(out::add);
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            String first = out.poll(60, TimeUnit.SECONDS);
            if ("listening".equals(first)) {
                receiver = started;
                lines = out;
            } else {
                // Most likely the port was taken: the recipe exits on its BindException.
                started.destroyForcibly();
            }
        }
        assertTrue(receiver != null, "the receiver started on one of five ports");
        try {
            Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
            Api.assertRedirectStatus(Api.completeFlow(c.redirectUrl(), "pass"), c.id(), "PASSED");
            String line = lines.poll(60, TimeUnit.SECONDS);
            assertTrue(line != null && line.matches("verified [A-Za-z0-9_-]+"), "the gateway's delivery verified: " + line);

            HttpResponse<Void> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/hooks/realname"))
                    .header("Realname-Signature", "t=1700000000,v1=" + "A".repeat(43))
                    .header("Realname-Event-Id", "evt_forged")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"verification.passed\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(400, forged.statusCode());
            String refused = lines.poll(10, TimeUnit.SECONDS);
            assertTrue(refused != null && refused.startsWith("refused "), "the forged delivery refused: " + refused);
        } finally {
            receiver.destroyForcibly();
        }
    }

    /** javac in its own process, the package's sources only, bcprov on the class path. */
    private static Path compileTheApiPackageAlone(List<String> bcprov) throws Exception {
        Path out = Files.createTempDirectory("webhook-api");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-cp", bcprov.get(0), "-d", out.toString()));
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/org/realname/gateway/webhook/api"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> command.add(p.toString()));
        }
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(javac.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, javac.exitValue(), "webhook.api compiles alone with bcprov: " + output);
        return out;
    }
}
