package org.realname.gateway.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.realname.gateway.tls.certs.TlsFiles;

import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code docs/gm-tls.md}, "Connecting as a client": the Java client, copied as it stands, in a
 * fresh JVM with only BouncyCastle's bcprov, bcutil and bctls (where the gateway has not already
 * registered anything), against the running gateway's HTTPS port.
 */
@QuarkusTest
class GmTlsClientRecipeTest {

    static final String RECIPE = "docs/recipes/GmTlsClient.java";

    @Test
    void theDocShowsTheTestedFile() throws Exception {
        Recipes.assertDocShowsTheFile("docs/gm-tls.md", RECIPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_SM4_GCM_SM3", "TLS_SM4_CCM_SM3"})
    void theRecipe_negotiatesEachShangMiSuite_andGets200(String suite) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
        Path ca = new TlsFiles(ConfigProvider.getConfig().getValue("gateway.tls.dir", Path.class)).sm2CaPem();

        Recipes.Run run = Recipes.runJava(Recipes.jars("bcprov-jdk18on", "bcutil-jdk18on", "bctls-jdk18on"),
                Recipes.file(RECIPE), "localhost", String.valueOf(port), ca.toString(), suite);

        assertEquals(0, run.exit(), run.both());
        assertEquals("TLSv1.3 " + suite + " HTTP/1.1 200 OK", run.out().strip(), run.both());
    }
}
