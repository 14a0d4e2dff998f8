package org.realname.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.realname.gateway.tls.certs.DevTlsCertificates;
import org.realname.gateway.tls.certs.TlsFiles;

/**
 * The provider link's optional client certificate ({@code gateway.provider.alipay.tls.key-store})
 * in {@code tls13-sm} mode: a provider that requires one gets the gateway's SM2 signing
 * certificate, and without it the handshake is refused.
 */
class LinkClientCertificateTest {

    static final char[] PW = "pw".toCharArray();
    static final TlsParameters SERVER = new TlsParameters(List.of("TLSv1.3"), List.of("TLS_SM4_GCM_SM3"));

    @TempDir
    static Path dir;
    static TlsFiles files;
    static SSLServerSocket server;
    static final BlockingQueue<String> CLIENTS = new LinkedBlockingQueue<>();
    static final BlockingQueue<String> FAILURES = new LinkedBlockingQueue<>();

    @BeforeAll
    static void providerRequiringClientCertificates() throws Exception {
        files = new TlsFiles(dir.resolve("tls"));
        new DevTlsCertificates(files.folder(), PW, List.of(), Clock.systemUTC()).ensure();
        KeyEntry sm2 = KeyEntry.from(Pem.pkcs12(files.tlsSm2ServerP12(), PW), TlsFiles.SIGN, PW);
        SSLContext context = ConfiguredSslContext.wrap(
                GmJsse.rawContext(new KeyManager[] {new DualKeyManager(sm2, null)}, GmJsse.trustManagers(Pem.trustStore(files.sm2CaPem()))),
                SERVER);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(LinkClientCertificateTest::serve, "provider-requiring-client-certificates");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    static void serve() {
        while (!server.isClosed()) {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                // Accepted sockets get the ShangMi group and signature scheme per connection, as the listener's engines do.
                ConfiguredSslContext.configure(s, SERVER);
                s.setNeedClientAuth(true);
                s.setSoTimeout(10_000);
                s.startHandshake();
                CLIENTS.add(((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName());
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.append((char) b);
                }
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (IOException e) {
                // The refused handshake of the negative test, or the server closing.
                FAILURES.add(String.valueOf(e));
            }
        }
    }

    static HttpResponse<String> call(Optional<Path> keyStore) throws Exception {
        LinkTls tls = LinkTls.create(LinkTlsMode.TLS13_SM, Optional.of(files.sm2CaPem()), keyStore, PW,
                List.of("TLS_SM4_GCM_SM3")).orElseThrow();
        // As AlipayGatewayClient builds it for GM links.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls.context())
                .sslParameters(tls.parameters()).version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.getLocalPort() + "/gateway.do"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withTheKeyStore_theProviderGetsTheGatewaysSm2ClientCertificate() throws Exception {
        CLIENTS.clear();
        FAILURES.clear();
        HttpResponse<String> answer;
        try {
            answer = call(Optional.of(files.tlcpClientP12()));
        } catch (IOException e) {
            throw new AssertionError("server side: " + FAILURES.poll(2, TimeUnit.SECONDS), e);
        }
        assertEquals(200, answer.statusCode());
        String client = CLIENTS.poll(5, TimeUnit.SECONDS);
        assertTrue(client != null && client.contains("CN=realname-gateway provider link") && client.contains("TLS client signing"),
                "the provider saw: " + client);
    }

    @Test
    void withoutIt_aProviderThatRequiresOne_refusesTheHandshake() throws Exception {
        CLIENTS.clear();
        FAILURES.clear();
        assertThrows(IOException.class, () -> call(Optional.empty()));
        assertEquals(0, CLIENTS.size());
        String refusal = FAILURES.poll(5, TimeUnit.SECONDS);
        // Refused for the missing certificate, not for anything else about the handshake.
        assertTrue(refusal != null && refusal.contains("certificate"), "server side: " + refusal);
    }
}
