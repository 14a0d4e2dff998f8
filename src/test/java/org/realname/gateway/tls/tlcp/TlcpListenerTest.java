package org.realname.gateway.tls.tlcp;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.realname.gateway.support.TestIds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The real TLCP listener of a running gateway, met by BGM clients, by a standard JDK client, and by
 * hand-written ClientHellos on a raw socket.
 */
@QuarkusTest
@TestProfile(TlcpProfile.class)
class TlcpListenerTest {

    static final String BASE = TlcpProfile.BASE;
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TlcpClientContexts providerLink;
    @Inject
    TlcpListener listener;

    static HttpClient bgm(String suite) {
        return TlcpTestClients.http(List.of(suite), TlcpTestCertificates.shared().caPem(), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {TlcpCipherSuites.ECC_SM4_GCM_SM3, TlcpCipherSuites.ECC_SM4_CBC_SM3})
    void eachOfferedSuite_isNegotiatedByABgmClient(String suite) throws Exception {
        HttpResponse<String> response = TlcpTestClients.get(bgm(suite), BASE + "/q/health/ready", null);

        assertEquals(200, response.statusCode());
        assertEquals("GMTLS", response.sslSession().orElseThrow().getProtocol());
        assertEquals(suite, response.sslSession().orElseThrow().getCipherSuite());
        assertEquals(TlcpProfile.PORT, listener.port());
    }

    @Test
    void withoutAToken_theApiAnswers401ProblemJson_asOnTheMainPort() throws Exception {
        String path = "/api/v1/verifications/" + TestIds.random();
        HttpResponse<String> tlcp = TlcpTestClients.get(bgm(TlcpCipherSuites.ECC_SM4_GCM_SM3), BASE + path, null);
        io.restassured.response.Response main = given().get(path);

        assertEquals(401, tlcp.statusCode());
        assertEquals(main.statusCode(), tlcp.statusCode());
        assertTrue(tlcp.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                String.valueOf(tlcp.headers().map()));
        assertEquals(main.<String>path("type"), JSON.readTree(tlcp.body()).get("type").asText());
        assertEquals("https://realname-gateway.dev/problems/unauthenticated", JSON.readTree(tlcp.body()).get("type").asText());
    }

    @Test
    void withAPlatformToken_aVerificationIsCreatedAndRead_overTlcp() throws Exception {
        HttpClient client = bgm(TlcpCipherSuites.ECC_SM4_GCM_SM3);
        String token = TlcpTestClients.token(client, BASE, "platform");
        String body = "{\"account_id\":\"" + TestIds.randomAccount() + "\",\"purpose\":\"REVERIFY\",\"return_url\":\""
                + BASE + "/demo/result\"}";

        HttpResponse<String> created = TlcpTestClients.postJson(client, BASE + "/api/v1/verifications", token, body);
        // REVERIFY of an account never verified: refused by the application, as problem+json, through TLCP.
        assertEquals(409, created.statusCode(), created.body());
        assertEquals("https://realname-gateway.dev/problems/account-not-verified", JSON.readTree(created.body()).get("type").asText());

        HttpResponse<String> list = TlcpTestClients.get(client, BASE + "/q/openapi?format=json", null);
        assertEquals(200, list.statusCode());
        HttpResponse<String> forbidden = TlcpTestClients.get(client, BASE + "/api/v1/verifications/" + TestIds.random(),
                TlcpTestClients.token(client, BASE, "auditor"));
        assertEquals(403, forbidden.statusCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {20_000, 200_000})
    void oversizedBodies_areRefusedAsOnTheMainPort(int size) throws Exception {
        HttpClient client = bgm(TlcpCipherSuites.ECC_SM4_GCM_SM3);
        String token = TlcpTestClients.token(client, BASE, "platform");
        String body = "{\"account_id\":\"" + "a".repeat(size) + "\"}";

        HttpResponse<String> tlcp;
        try {
            tlcp = TlcpTestClients.postJson(client, BASE + "/api/v1/verifications", token, body);
        } catch (java.io.IOException closedEarly) {
            // Above the socket cap (quarkus.http.limits.max-body-size) the server answers 413 and
            // closes while the client may still be sending: the client can lose the answer. The
            // request was refused either way; nothing more to compare.
            assertTrue(size > 64 * 1024, "only a body above the socket cap may be cut off: " + closedEarly);
            return;
        }
        assertEquals(413, tlcp.statusCode());
        io.restassured.response.Response main;
        try {
            main = given().auth().oauth2(token).contentType("application/json").body(body).post("/api/v1/verifications");
        } catch (Exception closedEarly) {
            // The same race on the main port (rest-assured rethrows the SocketException as is).
            assertTrue(size > 64 * 1024, "only a body above the socket cap may be cut off: " + closedEarly);
            return;
        }
        assertEquals(main.statusCode(), tlcp.statusCode());
        assertEquals(main.contentType().split(";")[0], tlcp.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    }

    @ParameterizedTest
    @CsvSource({"0xe053,ECC_SM4_GCM_SM3", "0xe013,ECC_SM4_CBC_SM3"})
    void firstFlight_onTheWire_isTlcp_signingCertificateThenEncryptionCertificate(String id, String suite) throws Exception {
        int suiteId = Integer.decode(id);
        TlcpWire.Flight flight = TlcpWire.exchange(TlcpProfile.PORT, TlcpWire.clientHello(TlcpWire.TLCP_VERSION, suiteId));

        assertFalse(flight.alerted(), "no alert");
        flight.records().forEach(r -> assertEquals(TlcpWire.TLCP_VERSION, r.version(), "record version 0x0101"));
        TlcpWire.Message hello = flight.first(2);
        assertEquals(TlcpWire.TLCP_VERSION, TlcpWire.serverHelloVersion(hello.body()));
        assertEquals(suiteId, TlcpWire.serverHelloSuite(hello.body()), suite);
        List<byte[]> certs = TlcpWire.certificates(flight.first(11).body());
        KeyStore store = TlcpKeyMaterial.keyStore(TlcpTestCertificates.shared().serverStore(), TlcpTestCertificates.shared().password());
        assertTrue(certs.size() >= 2, "signing and encryption certificates");
        assertArrayEquals(store.getCertificate("sign").getEncoded(), certs.get(0), "the signing certificate comes first");
        assertArrayEquals(store.getCertificate("enc").getEncoded(), certs.get(1), "the encryption certificate comes second");
        assertTrue(((X509Certificate) store.getCertificate("sign")).getKeyUsage()[0]);
        // ECC key exchange: ServerKeyExchange (signed over the encryption certificate), then ServerHelloDone.
        assertTrue(flight.first(12) != null, "ServerKeyExchange");
        assertTrue(flight.first(14) != null, "ServerHelloDone");
    }

    @Test
    void aClientOfferingOnlyTls10_isRefused() throws Exception {
        TlcpWire.Flight flight = TlcpWire.exchange(TlcpProfile.PORT, TlcpWire.clientHello(TlcpWire.TLS10_VERSION,
                0x002f, 0x0035, 0xc013, 0xc014));

        assertNull(flight.first(2), "no ServerHello");
    }

    @Test
    void aTlcpClientOfferingOnlyRsaSuites_isRefused() throws Exception {
        TlcpWire.Flight flight = TlcpWire.exchange(TlcpProfile.PORT, TlcpWire.clientHello(TlcpWire.TLCP_VERSION,
                0x002f, 0x0035, 0x003c, 0x009c));

        assertNull(flight.first(2), "no ServerHello");
    }

    @Test
    void aStandardTlsClient_isRefused() {
        HttpClient standard = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThrows(IOException.class, () -> standard.send(HttpRequest.newBuilder(URI.create(BASE + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aClientTrustingAnotherSm2Ca_refusesTheListener() {
        Path otherCa = TlcpTestCertificates.create(Path.of("target/tlcp-test-certs/other-ca"), "Other SM2 CA").caPem();
        HttpClient client = TlcpTestClients.http(List.of(TlcpCipherSuites.ECC_SM4_GCM_SM3), otherCa, null);

        assertThrows(SSLHandshakeException.class, () -> TlcpTestClients.get(client, BASE + "/q/health/ready", null));
    }

    @Test
    void theProviderLinkContext_getsASignedAnswerFromTheSandbox_overTlcp() throws Exception {
        HttpClient client = providerLink.configure(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/sandbox/gateway.do"))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("method=alipay.user.certify.open.query&app_id=2021000000000001",
                        StandardCharsets.UTF_8))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertEquals(200, response.statusCode());
        JsonNode answer = JSON.readTree(response.body());
        assertTrue(answer.has("alipay_user_certify_open_query_response"), response.body());
        assertTrue(answer.has("sign"), "the sandbox signed its answer");
        assertEquals("GMTLS", response.sslSession().orElseThrow().getProtocol());
        assertEquals(TlcpCipherSuites.ECC_SM4_GCM_SM3, response.sslSession().orElseThrow().getCipherSuite());
    }
}
