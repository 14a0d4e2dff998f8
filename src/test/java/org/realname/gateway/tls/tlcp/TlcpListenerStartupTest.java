package org.realname.gateway.tls.tlcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The listener's own start and stop, on a plain Vert.x with a one-route router (Quarkus's start
 * path is the same method): unfit settings or key stores stop it with a message naming the
 * problem; a fit one serves and closes.
 */
class TlcpListenerStartupTest {

    record Config(boolean enabled, int port, String host, Optional<Path> keyStore, Optional<String> keyStorePassword,
            Optional<Path> trustAnchor, List<String> cipherSuites, ClientAuth clientAuth) implements TlcpConfig {

        static Config of(Path keyStore, List<String> suites, ClientAuth clientAuth) {
            return new Config(true, 0, "localhost", Optional.ofNullable(keyStore), Optional.of(TlcpTestCertificates.PASSWORD),
                    Optional.empty(), suites, clientAuth);
        }
    }

    Vertx vertx;
    Router router;

    @BeforeEach
    void vertx() {
        vertx = Vertx.vertx();
        router = Router.router(vertx);
        router.get("/hello").handler(ctx -> ctx.response().end("hello"));
    }

    @AfterEach
    void close() {
        vertx.close();
    }

    TlcpListener listener(TlcpConfig config) {
        TlcpListener listener = new TlcpListener(config, vertx, java.time.Duration.ofMinutes(30));
        listener.captureRouter(router);
        return listener;
    }

    @Test
    void aFitKeyStore_serves_andTheListenerClosesOnShutdown() throws Exception {
        TlcpTestCertificates certs = TlcpTestCertificates.shared();
        TlcpListener listener = listener(Config.of(certs.serverStore(), TlcpCipherSuites.DEFAULT, TlcpConfig.ClientAuth.NONE));
        listener.onStart(null);
        int port = listener.port();
        HttpClient client = TlcpTestClients.http(List.of(TlcpCipherSuites.ECC_SM4_CBC_SM3), certs.caPem(), null);

        HttpResponse<String> response = TlcpTestClients.get(client, "https://localhost:" + port + "/hello", null);
        assertEquals("hello", response.body());

        listener.onStop(null);
        assertEquals(-1, listener.port());
        HttpClient fresh = TlcpTestClients.http(List.of(TlcpCipherSuites.ECC_SM4_CBC_SM3), certs.caPem(), null);
        assertThrows(IOException.class, () -> TlcpTestClients.get(fresh, "https://localhost:" + port + "/hello", null));
    }

    @Test
    void anEncryptionCertificateWithDigitalSignature_stopsTheStart() {
        Path store = TlcpTestCertificates.serverStoreWithUsages(Path.of("target/tlcp-test-certs/startup/enc-signs.p12"),
                TlcpTestCertificates.SIGN_USAGE, TlcpTestCertificates.ENC_USAGE | KeyUsage.digitalSignature);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> listener(Config.of(store, TlcpCipherSuites.DEFAULT, TlcpConfig.ClientAuth.NONE)).onStart(null));

        assertTrue(refused.getMessage().contains("encryption certificate 'enc' must not have keyUsage digitalSignature"),
                refused.getMessage());
    }

    @Test
    void aSigningCertificateWithoutDigitalSignature_stopsTheStart() {
        Path store = TlcpTestCertificates.serverStoreWithUsages(Path.of("target/tlcp-test-certs/startup/sign-cannot.p12"),
                KeyUsage.nonRepudiation, TlcpTestCertificates.ENC_USAGE);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> listener(Config.of(store, TlcpCipherSuites.DEFAULT, TlcpConfig.ClientAuth.NONE)).onStart(null));

        assertTrue(refused.getMessage().contains("signing certificate 'sign' lacks keyUsage digitalSignature"), refused.getMessage());
    }

    @Test
    void ecdheSuitesWithoutRequiredClientCertificates_stopTheStart() {
        TlcpConfig config = Config.of(TlcpTestCertificates.shared().serverStore(),
                List.of(TlcpCipherSuites.ECDHE_SM4_GCM_SM3), TlcpConfig.ClientAuth.REQUEST);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> listener(config).onStart(null));

        assertTrue(refused.getMessage().contains("ECDHE_SM4_GCM_SM3 needs client certificates"), refused.getMessage());
        assertTrue(refused.getMessage().contains("trust-anchor is needed"), refused.getMessage());
    }

    @Test
    void unknownSuitesAndAMissingKeyStore_stopTheStart() {
        TlcpConfig config = Config.of(null, List.of("TLS_RSA_WITH_AES_128_CBC_SHA"), TlcpConfig.ClientAuth.NONE);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> listener(config).onStart(null));

        assertTrue(refused.getMessage().contains("gateway.tls.tlcp.key-store is not set"), refused.getMessage());
        assertTrue(refused.getMessage().contains("unknown TLCP suite TLS_RSA_WITH_AES_128_CBC_SHA"), refused.getMessage());
    }

    @Test
    void disabled_listensNowhere() throws Exception {
        TlcpListener listener = listener(new Config(false, 0, "localhost", Optional.empty(), Optional.empty(),
                Optional.empty(), TlcpCipherSuites.DEFAULT, TlcpConfig.ClientAuth.NONE));

        listener.onStart(null);

        assertEquals(-1, listener.port());
    }
}
