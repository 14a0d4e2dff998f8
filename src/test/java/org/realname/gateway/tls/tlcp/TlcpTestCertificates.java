package org.realname.gateway.tls.tlcp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test-only TLCP certificates in the layout the gateway loads (and the certificate generator of
 * {@code org.realname.gateway.tls.certs} produces): an SM2 CA ({@code sm2-ca.pem}), and
 * {@code tlcp-server.p12} / {@code tlcp-client.p12}, each a PKCS12 with key entries {@code sign}
 * (digitalSignature) and {@code enc} (keyEncipherment, dataEncipherment, keyAgreement), both with
 * their chain, all signed SM3withSM2. The server certificates name {@code localhost} and
 * {@code 127.0.0.1}; both do, because BGM clients check the host against the encryption
 * certificate. Written under {@code target/}, never committed.
 */
public record TlcpTestCertificates(Path dir, Path serverStore, Path clientStore, Path caPem, char[] password) {

    public static final String PASSWORD = "tlcp-test-password";
    static final int SIGN_USAGE = KeyUsage.digitalSignature;
    static final int ENC_USAGE = KeyUsage.keyEncipherment | KeyUsage.dataEncipherment | KeyUsage.keyAgreement;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * A private, unregistered BouncyCastle: Quarkus calls the test profiles' config overrides (which
     * make these files) early and from its own class loaders, and a BC registered globally from
     * there would be foreign to every later test application (GmProvider copes; the Alipay SDK,
     * which asks for "BC" by name, does not).
     */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private static TlcpTestCertificates shared;

    /** One set per JVM under {@code target/tlcp-test-certs/main}, made on first use. */
    public static synchronized TlcpTestCertificates shared() {
        if (shared == null) {
            shared = create(Path.of("target/tlcp-test-certs/main"), "Test SM2 CA");
        }
        return shared;
    }

    /** A fresh CA with a server and a client pair under {@code dir}. */
    public static TlcpTestCertificates create(Path dir, String caName) {
        try {
            Files.createDirectories(dir);
            Ca ca = Ca.create(caName);
            Path caPem = dir.resolve("sm2-ca.pem");
            Files.writeString(caPem, pem(ca.cert()));
            Path server = dir.resolve("tlcp-server.p12");
            writeStore(server, ca, "localhost", SIGN_USAGE, ENC_USAGE);
            Path client = dir.resolve("tlcp-client.p12");
            writeStore(client, ca, "tlcp-test-client", SIGN_USAGE, ENC_USAGE);
            return new TlcpTestCertificates(dir.toAbsolutePath(), server.toAbsolutePath(), client.toAbsolutePath(),
                    caPem.toAbsolutePath(), PASSWORD.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server store signed by a fresh CA with the given key usages, for the negative tests. */
    public static Path serverStoreWithUsages(Path file, int signUsage, int encUsage) {
        try {
            Files.createDirectories(file.getParent());
            writeStore(file, Ca.create("Throwaway SM2 CA"), "localhost", signUsage, encUsage);
            return file.toAbsolutePath();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 with {@code sign} and {@code enc}, each chained to {@code ca}. */
    static void writeStore(Path file, Ca ca, String commonName, int signUsage, int encUsage)
            throws IOException, GeneralSecurityException {
        KeyPair sign = sm2();
        KeyPair enc = sm2();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("sign", sign.getPrivate(), PASSWORD.toCharArray(),
                new X509Certificate[] {ca.issue(sign.getPublic(), commonName, signUsage), ca.cert()});
        store.setKeyEntry("enc", enc.getPrivate(), PASSWORD.toCharArray(),
                new X509Certificate[] {ca.issue(enc.getPublic(), commonName, encUsage), ca.cert()});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    static KeyPair sm2() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("sm2p256v1"), RANDOM);
        return generator.generateKeyPair();
    }

    static String pem(X509Certificate cert) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(cert);
        }
        return text.toString();
    }

    /** An SM2 certificate authority. */
    record Ca(X500Name name, PrivateKey key, X509Certificate cert) {

        static Ca create(String commonName) throws GeneralSecurityException {
            KeyPair pair = sm2();
            X500Name name = new X500Name("CN=" + commonName + ",O=realname-gateway tests");
            X509Certificate cert = build(name, pair.getPublic(), name, pair.getPrivate(), true, KeyUsage.keyCertSign | KeyUsage.cRLSign, null);
            return new Ca(name, pair.getPrivate(), cert);
        }

        X509Certificate issue(PublicKey subjectKey, String commonName, int usage) throws GeneralSecurityException {
            GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
            return build(new X500Name("CN=" + commonName + ",O=realname-gateway tests"), subjectKey, name, key, false, usage, names);
        }
    }

    static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
            boolean ca, int usage, GeneralNames altNames) throws GeneralSecurityException {
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (usage != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            }
            if (altNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                    builder.build(new JcaContentSignerBuilder("SM3withSM2").setProvider(BC).build(issuerKey)));
        } catch (Exception e) {
            throw new GeneralSecurityException("test certificate could not be built", e);
        }
    }
}
