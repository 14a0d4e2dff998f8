package org.realname.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.realname.gateway.tls.certs.DevTlsCertificates;
import org.realname.gateway.tls.certs.TlsFiles;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The real Quarkus HTTPS listener, over real sockets: GM clients (BouncyCastle JSSE, and
 * Tongsuo, an implementation we did not write) negotiate each ShangMi suite and get the SM2
 * certificate; the JDK's own TLS negotiates standard TLS 1.3 and 1.2 and gets the ECDSA one; an
 * HTTP request goes through; clients that trust another SM2 CA refuse the gateway.
 */
@QuarkusTest
class GmTlsListenerTest {

    static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    }

    static TlsFiles files() {
        return new TlsFiles(ConfigProvider.getConfig().getValue("gateway.tls.dir", Path.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_SM4_GCM_SM3", "TLS_SM4_CCM_SM3"})
    void bouncyCastleClient_negotiatesEachShangMiSuite_withTheSm2Certificate(String suite) throws Exception {
        try (SSLSocket s = TlsClients.bc(files().sm2CaPem(), "localhost", port(), suite)) {
            assertNegotiated(s.getSession(), "TLSv1.3", suite, "1.2.156.10197.1.501");
            assertHealthy(s);
        }
    }

    /** Tongsuo offers both suites; the listener's order puts GCM first (CCM: {@code GmTlsFlowTest}). */
    @Test
    void tongsuoClient_negotiatesSm4Gcm_withTheSm2Certificate() throws Exception {
        try (SSLSocket s = TlsClients.tongsuo(files().sm2CaPem(), "localhost", port())) {
            assertNegotiated(s.getSession(), "TLSv1.3", "TLS_SM4_GCM_SM3", "1.2.156.10197.1.501");
            assertHealthy(s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void jdkClient_negotiatesStandardTls_withTheEcdsaCertificate(String protocol) throws Exception {
        try (SSLSocket s = TlsClients.jdk(files().ecdsaCaPem(), "localhost", port(), protocol)) {
            SSLSession session = s.getSession();
            assertEquals(protocol, session.getProtocol());
            assertTrue(session.getCipherSuite().contains("AES_128_GCM") || session.getCipherSuite().contains("AES_256_GCM")
                    || session.getCipherSuite().contains("CHACHA20"), session.getCipherSuite());
            assertEquals("SHA256withECDSA", ((X509Certificate) session.getPeerCertificates()[0]).getSigAlgName());
            assertHealthy(s);
        }
    }

    /**
     * The JDK {@code HttpClient} as the provider link builds it in {@code tls13-sm} mode
     * ({@link LinkTls}, HTTP/1.1), and the JDK's own client over standard TLS with HTTP/2 by ALPN.
     */
    @Test
    void httpClients_getAnswers_overShangMiHttp11_andStandardTlsHttp2() throws Exception {
        LinkTls gm = LinkTls.create(LinkTlsMode.TLS13_SM, java.util.Optional.of(files().sm2CaPem()),
                java.util.Optional.empty(), new char[0], List.of("TLS_SM4_GCM_SM3")).orElseThrow();
        java.net.http.HttpClient gmClient = java.net.http.HttpClient.newBuilder().sslContext(gm.context())
                .sslParameters(gm.parameters()).version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + port() + "/q/health/live")).build();
        var answer = gmClient.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals("TLS_SM4_GCM_SM3", answer.sslSession().orElseThrow().getCipherSuite());

        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(java.nio.file.Files.newInputStream(files().ecdsaCaPem())));
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        javax.net.ssl.SSLContext jdk = javax.net.ssl.SSLContext.getInstance("TLS");
        jdk.init(null, tmf.getTrustManagers(), null);
        var h2 = java.net.http.HttpClient.newBuilder().sslContext(jdk).version(java.net.http.HttpClient.Version.HTTP_2).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, h2.statusCode());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, h2.version());
        assertEquals("TLSv1.3", h2.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void bouncyCastleClientTrustingAnotherSm2Ca_refusesTheGateway(@TempDir Path other) throws Exception {
        Path foreignCa = otherCa(other);
        assertThrows(IOException.class, () -> TlsClients.bc(foreignCa, "localhost", port(), "TLS_SM4_GCM_SM3").close());
    }

    @Test
    void tongsuoClientTrustingAnotherSm2Ca_refusesTheGateway(@TempDir Path other) throws Exception {
        Path foreignCa = otherCa(other);
        assertThrows(SSLException.class, () -> TlsClients.tongsuo(foreignCa, "localhost", port()).close());
    }

    @Test
    void bouncyCastleClient_refusesTheGatewayUnderANameNotInItsCertificate() {
        // Same listener, same trusted CA, but the client expects another host name.
        assertThrows(IOException.class,
                () -> TlsClients.bc(files().sm2CaPem(), "gateway.invalid", "localhost", port(), "TLS_SM4_GCM_SM3").close());
    }

    static Path otherCa(Path folder) throws Exception {
        DevTlsCertificates other = new DevTlsCertificates(folder, "x".toCharArray(), List.of(), Clock.systemUTC());
        other.ensure();
        return new TlsFiles(folder).sm2CaPem();
    }

    static void assertNegotiated(SSLSession session, String protocol, String suite, String signatureOid) throws Exception {
        assertEquals(protocol, session.getProtocol());
        assertEquals(suite, session.getCipherSuite());
        assertEquals(signatureOid, ((X509Certificate) session.getPeerCertificates()[0]).getSigAlgOID());
    }

    /** One HTTP/1.1 request over the TLS connection: the gateway itself answers. */
    static void assertHealthy(SSLSocket s) throws IOException {
        s.getOutputStream().write(("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("HTTP/1.1 200"), () -> answer.lines().findFirst().orElse(""));
    }
}
