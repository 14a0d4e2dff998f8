package org.realname.gateway.tls.tlcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The TLCP listener with client certificates required and all four suites offered: the ECDHE
 * suites (TLCP's SM2 key agreement is mutual) negotiate with a client certificate pair from the
 * trusted CA; clients without one, or with one from another SM2 CA, are refused.
 */
@QuarkusTest
@TestProfile(TlcpClientAuthTest.ClientCertificatesRequired.class)
class TlcpClientAuthTest {

    public static final class ClientCertificatesRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TlcpTestCertificates certs = TlcpTestCertificates.shared();
            return Map.of(
                    "gateway.tls.tlcp.enabled", "true",
                    "gateway.tls.tlcp.port", String.valueOf(TlcpProfile.PORT),
                    "gateway.tls.tlcp.host", "localhost",
                    "gateway.tls.tlcp.key-store", certs.serverStore().toString(),
                    "gateway.tls.tlcp.key-store-password", TlcpTestCertificates.PASSWORD,
                    "gateway.tls.tlcp.trust-anchor", certs.caPem().toString(),
                    "gateway.tls.tlcp.client-auth", "required",
                    "gateway.tls.tlcp.cipher-suites", "ECDHE_SM4_GCM_SM3,ECDHE_SM4_CBC_SM3,ECC_SM4_GCM_SM3,ECC_SM4_CBC_SM3");
        }
    }

    static final String HEALTH = TlcpProfile.BASE + "/q/health/ready";

    @ParameterizedTest
    @ValueSource(strings = {TlcpCipherSuites.ECDHE_SM4_GCM_SM3, TlcpCipherSuites.ECDHE_SM4_CBC_SM3,
        TlcpCipherSuites.ECC_SM4_GCM_SM3, TlcpCipherSuites.ECC_SM4_CBC_SM3})
    void eachSuite_isNegotiated_withATrustedClientPair(String suite) throws Exception {
        TlcpTestCertificates certs = TlcpTestCertificates.shared();
        HttpClient client = TlcpTestClients.http(List.of(suite), certs.caPem(), certs.clientStore());

        HttpResponse<String> response = TlcpTestClients.get(client, HEALTH, null);

        assertEquals(200, response.statusCode());
        assertEquals("GMTLS", response.sslSession().orElseThrow().getProtocol());
        assertEquals(suite, response.sslSession().orElseThrow().getCipherSuite());
    }

    @Test
    void aClientWithoutCertificates_isRefused() {
        HttpClient client = TlcpTestClients.http(List.of(TlcpCipherSuites.ECC_SM4_GCM_SM3),
                TlcpTestCertificates.shared().caPem(), null);

        assertThrows(IOException.class, () -> TlcpTestClients.get(client, HEALTH, null));
    }

    @Test
    void aClientWithAnUntrustedSm2CertificatePair_isRefused() {
        TlcpTestCertificates foreign = TlcpTestCertificates.create(Path.of("target/tlcp-test-certs/foreign-client"), "Foreign SM2 CA");
        HttpClient client = TlcpTestClients.http(List.of(TlcpCipherSuites.ECC_SM4_GCM_SM3),
                TlcpTestCertificates.shared().caPem(), foreign.clientStore());

        assertThrows(IOException.class, () -> TlcpTestClients.get(client, HEALTH, null));
    }
}
