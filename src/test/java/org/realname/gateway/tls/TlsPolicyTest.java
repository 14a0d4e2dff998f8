package org.realname.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlsPolicyTest {

    static final List<String> DEFAULT_SUITES = List.of("TLS_SM4_GCM_SM3", "TLS_SM4_CCM_SM3", "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    @Test
    void theShippedDefaults_areAccepted() {
        assertEquals(List.of(), TlsPolicy.problems(List.of("TLSv1.3", "TLSv1.2"), DEFAULT_SUITES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSLv3", "TLSv1", "TLSv1.1", "SSLv2Hello", "GMTLS"})
    void insecureOrUnknownProtocols_areRefused(String protocol) {
        List<String> problems = TlsPolicy.problems(List.of("TLSv1.3", protocol), DEFAULT_SUITES);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains(protocol));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_NULL_SHA",
        "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "SSL_RSA_EXPORT_WITH_RC4_40_MD5", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "tls_sm4_gcm_sm3", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"})
    void insecureSuites_areRefused(String suite) {
        List<String> problems = TlsPolicy.problems(List.of("TLSv1.3", "TLSv1.2"),
                List.of("TLS_SM4_GCM_SM3", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", suite));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains(suite));
    }

    @Test
    void aProtocolWithoutAnyOfItsSuites_isRefused() {
        assertFalse(TlsPolicy.problems(List.of("TLSv1.2"), List.of("TLS_SM4_GCM_SM3")).isEmpty());
        assertFalse(TlsPolicy.problems(List.of("TLSv1.3"), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).isEmpty());
        assertFalse(TlsPolicy.problems(List.of(), DEFAULT_SUITES).isEmpty());
    }
}
