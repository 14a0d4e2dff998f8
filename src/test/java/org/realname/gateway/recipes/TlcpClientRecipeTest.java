package org.realname.gateway.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.realname.gateway.tls.certs.TlsFiles;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code docs/gm-tls.md}, "How a client connects" (TLCP): the client as written, in a fresh JVM with
 * only BGMProvider's four jars and the JVM flags its own "Run:" line gives, against the gateway's
 * TLCP listener switched on as the doc says ({@code gateway.tls.tlcp.enabled=true}, nothing else:
 * the generated development certificates, trusted through {@code sm2-ca.pem}).
 */
@QuarkusTest
@TestProfile(TlcpClientRecipeTest.TlcpOn.class)
class TlcpClientRecipeTest {

    static final String RECIPE = "docs/recipes/TlcpClient.java";

    /** The test profile plus the one switch the doc names; the port stays {@code %test.gateway.tls.tlcp.port}. */
    public static final class TlcpOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.tls.tlcp.enabled", "true");
        }
    }

    @Test
    void theDocShowsTheTestedFile() throws Exception {
        Recipes.assertDocShowsTheFile("docs/gm-tls.md", RECIPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECC_SM4_GCM_SM3", "ECC_SM4_CBC_SM3"})
    void theRecipe_negotiatesEachSuite_andGets200(String suite) throws Exception {
        Recipes.Run run = run(sm2Ca(), suite);

        assertEquals(0, run.exit(), run.both());
        assertEquals("GMTLS " + suite + " 200", run.out().strip(), run.both());
    }

    @Test
    void theRecipe_refusesAGatewayItsCaDidNotSign() throws Exception {
        // The ECDSA CA signed nothing on the TLCP port: trusting only it, the handshake must fail.
        Path other = new TlsFiles(ConfigProvider.getConfig().getValue("gateway.tls.dir", Path.class)).ecdsaCaPem();

        Recipes.Run run = run(other, "ECC_SM4_GCM_SM3");

        assertNotEquals(0, run.exit(), run.both());
        assertTrue(run.err().contains("SSLHandshakeException"), run.both());
    }

    private static Path sm2Ca() {
        return new TlsFiles(ConfigProvider.getConfig().getValue("gateway.tls.dir", Path.class)).sm2CaPem();
    }

    private static Recipes.Run run(Path ca, String suite) throws Exception {
        int port = ConfigProvider.getConfig().getValue("gateway.tls.tlcp.port", Integer.class);
        return Recipes.runJava(flagsOfTheRunLine(), Recipes.jars("bgmprovider", "jca", "jsse", "commons"),
                Recipes.file(RECIPE), "localhost", String.valueOf(port), ca.toString(), suite);
    }

    /** The {@code --add-exports}/{@code --add-opens} of the recipe's own "Run:" comment: what a reader copies. */
    private static List<String> flagsOfTheRunLine() throws Exception {
        String source = Files.readString(Recipes.file(RECIPE), StandardCharsets.UTF_8);
        String header = source.substring(source.indexOf("Run:"), source.indexOf("*/"));
        List<String> flags = Arrays.stream(header.split("\\s+")).filter(t -> t.startsWith("--add-")).toList();
        assertEquals(8, flags.size(), "the Run line names BGM's eight flags: " + flags);
        return flags;
    }
}
