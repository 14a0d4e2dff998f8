package org.realname.gateway.tls.tlcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.PackagedGateway;

import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged gateway ({@code java -jar quarkus-run.jar}) serves TLCP with only the three
 * {@code --add-opens} on its command line ({@link PackagedGateway#BGM_OPENS}): the
 * {@code --add-exports} BGMProvider needs come from the jar's manifest ({@code Add-Exports}, set in
 * application.properties). Quarkus overwrites a configured {@code Add-Opens} attribute, so the opens
 * cannot come from there.
 */
class TlcpPackagedGatewayIT {

    @Test
    void theRunnableJar_servesTlcp_withTheManifestFlagsAlone() throws Exception {
        TlcpTestCertificates certs = TlcpTestCertificates.shared();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = port;
        Path dataDir = Files.createTempDirectory("gateway-tlcp-it-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Process gateway = PackagedGateway.start("tlcp-it", postgres, dataDir, port, List.of(), Map.of(
                    "gateway.tls.tlcp.enabled", "true",
                    "gateway.tls.tlcp.port", String.valueOf(TlcpProfile.PORT),
                    "gateway.tls.tlcp.host", "localhost",
                    "gateway.tls.tlcp.key-store", certs.serverStore().toString(),
                    "gateway.tls.tlcp.key-store-password", TlcpTestCertificates.PASSWORD),
                    Path.of("target", "tlcp-packaged-it.log").toFile(), Duration.ofSeconds(90));
            try {
                HttpResponse<String> response = TlcpTestClients.get(
                        TlcpTestClients.http(List.of(TlcpCipherSuites.ECC_SM4_GCM_SM3), certs.caPem(), null),
                        TlcpProfile.BASE + "/q/health/ready", null);

                assertEquals(200, response.statusCode());
                assertEquals("GMTLS", response.sslSession().orElseThrow().getProtocol());
            } finally {
                gateway.destroy();
                gateway.waitFor();
                RestAssured.reset();
            }
        }
    }
}
