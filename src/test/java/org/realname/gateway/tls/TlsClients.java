package org.realname.gateway.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.realname.gateway.crypto.GmProvider;

/** Real TLS clients for the tests: BCJSSE, the JDK's SunJSSE and Tongsuo, each over a socket. */
public final class TlsClients {

    private static volatile Provider tongsuo;

    private TlsClients() {
    }

    /** Tongsuo's JSSE provider (native, Conscrypt-based), never registered in the JVM list. */
    public static synchronized Provider tongsuo() {
        if (tongsuo == null) {
            tongsuo = new net.tongsuo.TongsuoProvider();
        }
        return tongsuo;
    }

    /** A connected, handshaken BCJSSE socket offering only {@code suites} over TLS 1.3, host name checked. */
    public static SSLSocket bc(Path trustPem, String host, int port, String... suites) throws IOException, GeneralSecurityException {
        return bc(trustPem, host, "localhost", port, suites);
    }

    /** As {@link #bc(Path, String, int, String...)}, connecting to {@code address} but expecting the server to be {@code host}. */
    public static SSLSocket bc(Path trustPem, String host, String address, int port, String... suites)
            throws IOException, GeneralSecurityException {
        SSLContext context = GmJsse.rawContext(null, GmJsse.trustManagers(Pem.trustStore(trustPem)));
        java.net.Socket plain = new java.net.Socket(address, port);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        ConfiguredSslContext.configure(socket, new TlsParameters(List.of("TLSv1.3"), List.of(suites)));
        return handshake(socket);
    }

    /** A handshaken SunJSSE socket (the JDK's own TLS) limited to {@code protocol}, host name checked. */
    public static SSLSocket jdk(Path trustPem, String host, int port, String protocol) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (var in = java.nio.file.Files.newInputStream(trustPem)) {
            trust.setCertificateEntry("anchor", cf.generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
        socket.setEnabledProtocols(new String[] {protocol});
        return handshake(socket);
    }

    /**
     * A handshaken Tongsuo socket over TLS 1.3. Its Java API sets only TLS 1.2 cipher lists
     * ({@code SSL_set_cipher_lists}); for TLS 1.3 it offers its native defaults, which include
     * both ShangMi suites, so the server's preference decides which one is agreed. Tongsuo's own
     * (Conscrypt) trust manager finds no anchor for an SM2 chain ("Trust anchor for
     * certification path not found", checked 2026-12-02), so the chain is checked by
     * {@link #sm2ChainTrust}; the handshake itself (key exchange on curveSM2, the sm2sig_sm3
     * CertificateVerify, SM4 records) is all Tongsuo's native code.
     */
    public static SSLSocket tongsuo(Path trustPem, String host, int port) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS", tongsuo());
        context.init(null, new TrustManager[] {sm2ChainTrust(trustPem)}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        return handshake(socket);
    }

    private static SSLSocket handshake(SSLSocket socket) throws IOException {
        SSLParameters p = socket.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(p);
        socket.setSoTimeout(10_000);
        try {
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** Accepts a server chain only when BouncyCastle's PKIX validator anchors it in {@code trustPem}. */
    public static X509TrustManager sm2ChainTrust(Path trustPem) throws IOException, GeneralSecurityException {
        X509Certificate anchor = Pem.certificates(trustPem).get(0);
        return new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    CertificateFactory cf = CertificateFactory.getInstance("X.509", GmProvider.provider());
                    X509Certificate leaf = (X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(chain[0].getEncoded()));
                    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
                    params.setRevocationEnabled(false);
                    CertPathValidator.getInstance("PKIX", GmProvider.provider()).validate(cf.generateCertPath(List.of(leaf)), params);
                } catch (GeneralSecurityException e) {
                    throw new CertificateException("untrusted server chain", e);
                }
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("client certificates are not used here");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[] {anchor};
            }
        };
    }
}
