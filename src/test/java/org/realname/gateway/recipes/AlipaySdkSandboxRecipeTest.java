package org.realname.gateway.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code docs/sandbox.md}, "Pointing the official SDK at it": the program as written, in a fresh
 * JVM with only the SDK, its own dependencies, bcprov and a Commons Logging implementation (the
 * JBoss bridge here), against the running sandbox; the page
 * it gets is the sandbox's face page.
 */
@QuarkusTest
class AlipaySdkSandboxRecipeTest {

    static final String RECIPE = "docs/recipes/AlipaySdkSandbox.java";

    @Test
    void theDocShowsTheTestedFile() throws Exception {
        Recipes.assertDocShowsTheFile("docs/sandbox.md", RECIPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA2", "SM2"})
    void theRecipe_startsAVerification_andGetsTheFacePage(String signType) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        Path keys = ConfigProvider.getConfig().getValue("gateway.data-dir", Path.class).resolve("sandbox-keys");

        Recipes.Run run = Recipes.runJava(
                Recipes.jars("alipay-sdk-java", "fastjson", "dom4j", "xml-apis", "okhttp", "okio", "bcprov-jdk18on",
                        "commons-logging-jboss-logging", "jboss-logging"),
                Recipes.file(RECIPE), "http://localhost:" + port, keys.toAbsolutePath().toString(), signType);

        assertEquals(0, run.exit(), run.both());
        String[] lines = run.out().strip().split("\n");
        assertEquals(2, lines.length, run.both());
        assertTrue(lines[0].matches("certify_id=[0-9a-f]{16,64}"), run.both());
        assertTrue(lines[1].startsWith("url=http://localhost:" + port + "/sandbox/gateway.do?"), run.both());
        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build().send(
                HttpRequest.newBuilder(URI.create(lines[1].substring("url=".length()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
    }
}
