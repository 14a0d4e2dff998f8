package org.realname.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Clients the listener must refuse, sent as raw ClientHellos by BouncyCastle's low-level TLS
 * client (which, unlike any JSSE, will still offer TLS 1.0 and RSA key exchange): the assertion
 * is on the alert the gateway sends back, so a client that gave up on its own would not pass.
 */
@QuarkusTest
class RefusedClientsTest {

    @Test
    void clientOfferingOnlyTls10_isRefused() {
        TlsFatalAlertReceived alert = assertThrows(TlsFatalAlertReceived.class, () -> handshake(
                ProtocolVersion.TLSv10.only(), CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA));
        assertEquals(AlertDescription.protocol_version, alert.getAlertDescription());
    }

    @Test
    void clientOfferingOnlyTls11_isRefused() {
        TlsFatalAlertReceived alert = assertThrows(TlsFatalAlertReceived.class, () -> handshake(
                ProtocolVersion.TLSv11.only(), CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA));
        assertEquals(AlertDescription.protocol_version, alert.getAlertDescription());
    }

    @Test
    void clientOfferingOnlyRsaKeyExchange_isRefused() {
        TlsFatalAlertReceived alert = assertThrows(TlsFatalAlertReceived.class, () -> handshake(
                ProtocolVersion.TLSv12.only(), CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA));
        assertEquals(AlertDescription.handshake_failure, alert.getAlertDescription());
    }

    @Test
    void clientOfferingOnlyCbcSha1_isRefused() {
        TlsFatalAlertReceived alert = assertThrows(TlsFatalAlertReceived.class, () -> handshake(
                ProtocolVersion.TLSv12.only(), CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA));
        assertEquals(AlertDescription.handshake_failure, alert.getAlertDescription());
    }

    /** The control: the same raw client with an allowed TLS 1.2 suite completes the handshake. */
    @Test
    void sameClientWithEcdheGcm_isAccepted() throws IOException {
        handshake(ProtocolVersion.TLSv12.only(), CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    }

    static void handshake(ProtocolVersion[] versions, int... suites) throws IOException {
        try (Socket socket = new Socket("localhost", GmTlsListenerTest.port())) {
            socket.setSoTimeout(10_000);
            TlsClientProtocol protocol = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
            protocol.connect(new DefaultTlsClient(new BcTlsCrypto(new SecureRandom())) {
                @Override
                protected ProtocolVersion[] getSupportedVersions() {
                    return versions;
                }

                @Override
                protected int[] getSupportedCipherSuites() {
                    return suites;
                }

                @Override
                public TlsAuthentication getAuthentication() {
                    // Trust is not what is tested here: the refusals come before any certificate.
                    return new ServerOnlyTlsAuthentication() {
                        @Override
                        public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                        }
                    };
                }
            });
            protocol.close();
        }
    }
}
