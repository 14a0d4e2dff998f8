package org.realname.gateway.tls.tlcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.realname.gateway.crypto.GmProvider;

import com.aliyun.gmsse.GMProvider;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Interop with a TLCP implementation we did not pick for the server: Alibaba's gmsse 1.1.0 (its own
 * handshake and record code over BouncyCastle primitives; client only, sockets only, one suite:
 * ECC_SM4_CBC_SM3, 0xe013) speaks HTTP/1.1 to the gateway's TLCP listener.
 *
 * <p>gmsse reads one handshake message per record, BGM packs its first flight into one record, so
 * the connection goes through {@link OneMessagePerRecordProxy}, which only re-frames the server's
 * plaintext handshake records (see there why that leaves the cross-check intact). Direct, gmsse
 * waits for a Certificate record that never comes and fails when the server times the handshake out.
 */
@QuarkusTest
@TestProfile(TlcpProfile.class)
class TlcpGmsseInteropTest {

    static SSLContext gmsse(Path anchorPem) throws Exception {
        Provider gm = new GMProvider();
        X509Certificate anchor;
        try (InputStream in = Files.newInputStream(anchorPem)) {
            anchor = (X509Certificate) CertificateFactory.getInstance("X.509", GmProvider.provider()).generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gm-ca", anchor);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("X509", gm);
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS", gm);
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** One HTTP/1.1 GET through gmsse, via the re-framing relay; answers the suite name, a new line, the response. */
    static String get(SSLContext context, String path) throws Exception {
        try (OneMessagePerRecordProxy relay = new OneMessagePerRecordProxy(TlcpProfile.PORT)) {
            return get(context, path, relay);
        }
    }

    static String get(SSLContext context, String path, OneMessagePerRecordProxy relay) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", relay.port())) {
            socket.setSoTimeout(20_000);
            // gmsse sets up its record layer only in the handshake; writing first would fail.
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + TlcpProfile.PORT + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readResponse(socket.getInputStream());
            return socket.getSession().getCipherSuite() + "\n" + answer;
        }
    }

    /**
     * gmsse 1.1.0 was built on BouncyCastle 1.64; on the pinned 1.84 its encoding of the SM2
     * ciphertext's x and y (raw 32-byte arrays into {@code ASN1Integer}) is refused by BC's stricter
     * DER check when a coordinate starts with a zero byte, about one handshake in 128, before
     * anything is sent. Such a try is repeated with a fresh ephemeral point; any other failure fails.
     *
     * <p>This test found a real interop bug: with BouncyCastle registered ahead of BGM, BGM's key
     * exchange used BC's {@code Cipher "SM2"} (raw C1C2C3, not GM/T 0009 DER), and gmsse's
     * ClientKeyExchange decrypted to garbage ("Invalid Padding length" on Finished). See TlcpProviders.
     */
    @Test
    void gmsseClient_getsAnAnswerFromTheListener_overEccSm4CbcSm3() throws Exception {
        SSLContext context = gmsse(TlcpTestCertificates.shared().caPem());
        String answer = null;
        int clientRefused = 0;
        for (int attempt = 0; attempt < 5 && answer == null; attempt++) {
            try (OneMessagePerRecordProxy relay = new OneMessagePerRecordProxy(TlcpProfile.PORT)) {
                try {
                    answer = get(context, "/q/health/ready", relay);
                    assertTrue(relay.reframedRecords() > 0, "BGM packed its first flight");
                } catch (RuntimeException e) {
                    assertTrue(String.valueOf(e.getCause()).contains("malformed integer"), e.toString());
                    clientRefused++;
                }
            }
        }

        assertTrue(answer != null, "an answer within 5 tries (" + clientRefused + " refused by gmsse itself)");
        assertTrue(answer.contains("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("\"UP\""), answer);
        assertEquals("ECC-SM2-WITH-SM4-SM3", answer.lines().findFirst().orElseThrow());
    }

    /**
     * Reads one HTTP/1.1 response by its Content-Length: gmsse throws EOFException instead of
     * answering -1 when the server closes, so reading to the end of the stream is not possible.
     */
    static String readResponse(InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            String text = received.toString(StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\r\n\r\n");
            if (headerEnd >= 0) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, headerEnd));
                if (m.find() && received.size() >= headerEnd + 4 + Integer.parseInt(m.group(1))) {
                    return text;
                }
            }
            int n = in.read(buffer);
            if (n < 0) {
                return text;
            }
            received.write(buffer, 0, n);
        }
    }

    @Test
    void withoutTheRelay_gmsseCannotReadBgmsPackedFirstFlight() throws Exception {
        try (SSLSocket socket = (SSLSocket) gmsse(TlcpTestCertificates.shared().caPem()).getSocketFactory()
                .createSocket("localhost", TlcpProfile.PORT)) {
            socket.setSoTimeout(2_000);
            assertThrows(java.io.IOException.class, socket::startHandshake);
        }
    }

    @Test
    void gmsseClient_trustingAnotherCa_refusesTheListener() throws Exception {
        Path otherCa = TlcpTestCertificates.create(Path.of("target/tlcp-test-certs/gmsse-other-ca"), "Other SM2 CA").caPem();

        // gmsse checks the chain in its trust manager, which fails the handshake with a CertificateException.
        Exception refused = assertThrows(Exception.class, () -> get(gmsse(otherCa), "/q/health/ready"));
        assertTrue(refused.toString().contains("Certificate") || refused.getCause() instanceof java.security.cert.CertificateException,
                refused.toString());
    }
}
