package org.realname.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.apache.http.conn.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;

/**
 * One complete verification with every hop over TLS 1.3 with the ShangMi suites: the platform
 * (and the browser) reach the gateway on its HTTPS port offering only {@code TLS_SM4_GCM_SM3} and
 * {@code TLS_SM4_CCM_SM3}; the gateway's provider client reaches the sandbox on the same port in
 * {@code tls13-sm} mode. In this profile the listener prefers CCM, which is how Tongsuo (whose
 * TLS 1.3 suite list is not settable from Java) is brought to agree {@code TLS_SM4_CCM_SM3}.
 */
@QuarkusTest
@TestProfile(GmTlsFlowTest.Profile.class)
class GmTlsFlowTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String https = "https://localhost:${quarkus.http.test-ssl-port}";
            return Map.of(
                    "gateway.public-base-url", https,
                    "gateway.provider.alipay.endpoint", https + "/sandbox/gateway.do",
                    "gateway.provider.alipay.tls.mode", "tls13-sm",
                    "gateway.provider.alipay.tls.trust-anchor", "${gateway.tls.dir}/sm2-ca.pem",
                    "gateway.tls.cipher-suites", "TLS_SM4_CCM_SM3,TLS_SM4_GCM_SM3,TLS_AES_128_GCM_SHA256,"
                            + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        }
    }

    /** Protocol/suite of every connection the platform side opened. */
    static final List<String> PLATFORM_SESSIONS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void platformSpeaksOnlyTls13ShangMi() throws Exception {
        SSLContext context = ConfiguredSslContext.wrap(
                GmJsse.rawContext(null, GmJsse.trustManagers(Pem.trustStore(GmTlsListenerTest.files().sm2CaPem()))),
                TlsParameters.tls13ShangMi());
        SSLSocketFactory sockets = new SSLSocketFactory(context, SSLSocketFactory.STRICT_HOSTNAME_VERIFIER) {
            @Override
            public java.net.Socket createLayeredSocket(java.net.Socket socket, String host, int port,
                    org.apache.http.params.HttpParams params) throws java.io.IOException {
                SSLSocket s = (SSLSocket) super.createLayeredSocket(socket, host, port, params);
                PLATFORM_SESSIONS.add(s.getSession().getProtocol() + "/" + s.getSession().getCipherSuite());
                return s;
            }

            @Override
            public java.net.Socket connectSocket(java.net.Socket socket, java.net.InetSocketAddress remote,
                    java.net.InetSocketAddress local, org.apache.http.params.HttpParams params) throws java.io.IOException {
                java.net.Socket s = super.connectSocket(socket, remote, local, params);
                if (s instanceof SSLSocket ssl) {
                    PLATFORM_SESSIONS.add(ssl.getSession().getProtocol() + "/" + ssl.getSession().getCipherSuite());
                }
                return s;
            }
        };
        RestAssured.baseURI = "https://localhost";
        RestAssured.port = GmTlsListenerTest.port();
        RestAssured.config = RestAssuredConfig.config().sslConfig(SSLConfig.sslConfig().sslSocketFactory(sockets));
    }

    @AfterEach
    void reset() {
        RestAssured.reset();
    }

    @Test
    void completeVerification_runsWithEveryHopOverTls13ShangMi() {
        PLATFORM_SESSIONS.clear();
        String platform = Api.token("platform");
        Api.Created created = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        assertTrue(created.redirectUrl().startsWith("https://localhost:" + GmTlsListenerTest.port()), created.redirectUrl());
        // Consent makes the gateway call initialize at the sandbox, the return makes it call
        // query: both over the provider link in tls13-sm mode (it offers nothing else).
        String location = Api.completeFlow(created.redirectUrl(), "pass");
        Api.assertRedirectStatus(location, created.id(), "PASSED");
        assertEquals("PASSED", Api.status(platform, created.id()));
        assertFalse(PLATFORM_SESSIONS.isEmpty());
        assertTrue(PLATFORM_SESSIONS.stream().allMatch(s -> s.equals("TLSv1.3/TLS_SM4_CCM_SM3")), PLATFORM_SESSIONS::toString);
    }

    @Test
    void tongsuoClient_agreesSm4Ccm_whenTheListenerPrefersIt() throws Exception {
        try (SSLSocket s = TlsClients.tongsuo(GmTlsListenerTest.files().sm2CaPem(), "localhost", GmTlsListenerTest.port())) {
            GmTlsListenerTest.assertNegotiated(s.getSession(), "TLSv1.3", "TLS_SM4_CCM_SM3", "1.2.156.10197.1.501");
            GmTlsListenerTest.assertHealthy(s);
        }
    }
}
