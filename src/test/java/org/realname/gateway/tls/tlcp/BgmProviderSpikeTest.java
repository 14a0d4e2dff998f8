package org.realname.gateway.tls.tlcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.realname.gateway.crypto.GmProvider;

/**
 * The spike behind the TLCP design, kept as a test: BGMProvider 1.1.4 constructs on JDK 17 with
 * the build's JVM flags, registers after BouncyCastle, and two in-memory {@link SSLEngine}s (what
 * Vert.x/Netty use) complete a {@code GMTLS} handshake with each ECC suite.
 */
class BgmProviderSpikeTest {

    static TlcpTestCertificates certs;

    @BeforeAll
    static void certificates() {
        certs = TlcpTestCertificates.shared();
    }

    @Test
    void bgmIsRegisteredAfterBouncyCastle_andTheJdkKeepsItsDefaults() throws Exception {
        Provider bgm = TlcpProviders.provider();
        List<String> names = Arrays.stream(Security.getProviders()).map(Provider::getName).toList();

        assertTrue(names.indexOf(GmProvider.NAME) >= 0 && names.indexOf(GmProvider.NAME) < names.indexOf(bgm.getName()),
                "BC before BGM: " + names);
        // Only two services go ahead of everything: EC parameters that know sm2p256v1, and BGM's SM2
        // cipher (GM/T 0009 DER) for BGM's own key exchange.
        assertEquals(0, names.indexOf(TlcpPriorityServices.NAME));
        assertEquals(2, Security.getProviders()[0].getServices().size());
        assertEquals(TlcpPriorityServices.NAME, javax.crypto.Cipher.getInstance("SM2").getProvider().getName());
        // Global SM3withSM2 stays BouncyCastle's, so code passing BC's SM2ParameterSpec keeps working.
        assertEquals(GmProvider.NAME, java.security.Signature.getInstance("SM3withSM2").getProvider().getName());
        // The JVM-wide defaults every other TLS connection uses are still the JDK's.
        assertEquals("SunJSSE", SSLContext.getDefault().getProvider().getName());
        assertEquals("SunJSSE", SSLContext.getInstance("TLS").getProvider().getName());
        assertEquals("SunJSSE", KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm()).getProvider().getName());
        assertEquals("SunJSSE", TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).getProvider().getName());
        assertEquals("SUN", KeyStore.getInstance("PKCS12").getProvider().getName());
        assertEquals("SUN", KeyStore.getInstance("JKS").getProvider().getName());
        // The master key store type the gateway uses, asked for by provider object as before.
        assertEquals("BC", GmProvider.keyStore("BCFKS").getProvider().getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {TlcpCipherSuites.ECC_SM4_GCM_SM3, TlcpCipherSuites.ECC_SM4_CBC_SM3})
    void inMemoryEngines_completeAGmtlsHandshake(String suite) throws Exception {
        SSLEngine server = serverContext().createSSLEngine();
        server.setUseClientMode(false);
        server.setSSLParameters(TlcpContexts.parameters(List.of(suite)));
        SSLEngine client = TlcpContexts.context(null, TlcpKeyMaterial.trustManagers(certs.caPem()))
                .createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setSSLParameters(TlcpContexts.parameters(List.of(suite)));

        String received = EngineHandshake.run(client, server, "hello over TLCP");

        assertEquals("hello over TLCP", received);
        assertEquals(suite, client.getSession().getCipherSuite());
        assertEquals(suite, server.getSession().getCipherSuite());
        assertEquals("GMTLS", client.getSession().getProtocol());
    }

    static SSLContext serverContext() {
        KeyStore store = TlcpKeyMaterial.keyStore(certs.serverStore(), certs.password());
        KeyManager[] km = TlcpKeyMaterial.keyManagers(store, certs.password());
        TrustManager[] tm = TlcpKeyMaterial.trustManagers(certs.caPem());
        return TlcpContexts.context(km, tm);
    }
}
