package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
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
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.realname.gateway.tls.KeyEntry;
import org.realname.gateway.tls.LinkTls;
import org.realname.gateway.tls.LinkTlsMode;
import org.realname.gateway.tls.Pem;
import org.realname.gateway.tls.TlsClients;
import org.realname.gateway.tls.certs.DevTlsCertificates;
import org.realname.gateway.tls.certs.TlsFiles;

/**
 * The provider link's HTTP client (the one {@link AlipayGatewayClient} builds) in
 * {@code tls13-sm} mode against a server we did not write: Tongsuo's JSSE provider serving an
 * SM2 certificate from a plain {@code SSLServerSocket}. Each ShangMi suite is agreed; an
 * untrusted SM2 certificate and a host name outside the certificate are refused.
 */
class ProviderLinkTlsTest {

    @TempDir
    static Path dir;
    static TlsFiles files;
    static TlsFiles foreign;
    static ServerSocket server;
    static SSLContext tongsuo;
    static final BlockingQueue<String> NEGOTIATED = new LinkedBlockingQueue<>();

    @BeforeAll
    static void tongsuoServer() throws Exception {
        files = new TlsFiles(dir.resolve("tls"));
        new DevTlsCertificates(files.folder(), "pw".toCharArray(), List.of(), Clock.systemUTC()).ensure();
        foreign = new TlsFiles(dir.resolve("other"));
        new DevTlsCertificates(foreign.folder(), "pw".toCharArray(), List.of(), Clock.systemUTC()).ensure();
        KeyEntry sm2 = KeyEntry.from(Pem.pkcs12(files.tlsSm2ServerP12(), "pw".toCharArray()), TlsFiles.SIGN, "pw".toCharArray());
        tongsuo = SSLContext.getInstance("TLS", TlsClients.tongsuo());
        tongsuo.init(new KeyManager[] {new OneKey(sm2)}, null, null);
        server = new ServerSocket(0, 50, InetAddress.getByName("::"));
        Thread t = new Thread(ProviderLinkTlsTest::serve, "tongsuo-server");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    /** A minimal HTTP/1.1 server: answers "ok" and records the agreed protocol and suite. */
    static void serve() {
        while (!server.isClosed()) {
            // Tongsuo's own SSLServerSocket.accept() reflects into java.net.InetAddress (needs
            // --add-opens java.base/java.net); a server-mode socket layered on an accepted plain
            // socket runs the same native handshake without it.
            try (Socket plain = server.accept();
                    SSLSocket s = (SSLSocket) tongsuo.getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true)) {
                s.setUseClientMode(false);
                s.setEnabledProtocols(new String[] {"TLSv1.3"});
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.append((char) b);
                }
                NEGOTIATED.add(s.getSession().getProtocol() + "/" + s.getSession().getCipherSuite());
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (IOException e) {
                // A refused handshake (the negative tests) or the server closing: next.
            }
        }
    }

    static HttpClient linkClient(Path trustAnchor, String suite) throws Exception {
        Optional<LinkTls> tls = LinkTls.create(LinkTlsMode.TLS13_SM, Optional.of(trustAnchor), Optional.empty(),
                new char[0], List.of(suite));
        return AlipayGatewayClient.newHttpClient(Duration.ofSeconds(5), tls);
    }

    static HttpResponse<String> get(HttpClient client, String host) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + server.getLocalPort() + "/gateway.do"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_SM4_GCM_SM3", "TLS_SM4_CCM_SM3"})
    void linkClient_agreesEachShangMiSuite_withTongsuoServer(String suite) throws Exception {
        NEGOTIATED.clear();
        HttpResponse<String> answer = get(linkClient(files.sm2CaPem(), suite), "localhost");
        assertEquals(200, answer.statusCode());
        assertEquals("ok", answer.body());
        assertEquals("TLSv1.3/" + suite, NEGOTIATED.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void linkClient_refusesServerWithUntrustedSm2Certificate() throws Exception {
        HttpClient client = linkClient(foreign.sm2CaPem(), "TLS_SM4_GCM_SM3");
        assertThrows(IOException.class, () -> get(client, "localhost"));
    }

    @Test
    void linkClient_refusesServerWhoseCertificateDoesNotNameTheHost() throws Exception {
        // Same trusted server, reached as [::1]: the certificate names localhost and 127.0.0.1 only.
        HttpClient client = linkClient(files.sm2CaPem(), "TLS_SM4_GCM_SM3");
        assertThrows(IOException.class, () -> get(client, "[::1]"));
    }

    @Test
    void gmModeWithoutTrustAnchor_isRefused() {
        assertThrows(java.security.GeneralSecurityException.class, () -> LinkTls.create(LinkTlsMode.TLS13_SM,
                Optional.empty(), Optional.empty(), new char[0], List.of("TLS_SM4_GCM_SM3")));
    }

    @Test
    void gmModeWithNonShangMiSuite_isRefused() {
        assertThrows(java.security.GeneralSecurityException.class, () -> LinkTls.create(LinkTlsMode.TLS13_SM,
                Optional.of(files.sm2CaPem()), Optional.empty(), new char[0], List.of("TLS_AES_128_GCM_SHA256")));
    }

    /** Tongsuo asks with key type "EC": answer the SM2 entry whatever is asked. */
    private static final class OneKey extends X509ExtendedKeyManager {
        private final KeyEntry entry;

        OneKey(KeyEntry entry) {
            this.entry = entry;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return entry.alias();
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return entry.alias();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {entry.alias()};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return entry.chain();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return entry.key();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
