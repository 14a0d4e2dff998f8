package org.realname.gateway.tls.certs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.realname.gateway.crypto.GmProvider;

/**
 * Makes the development TLS material into one folder (layout: {@link TlsFiles}): an SM2 CA; the
 * server's SM2 signing certificate (digitalSignature only) and separate SM2 encryption
 * certificate (keyEncipherment, dataEncipherment, keyAgreement; TLCP's dual certificates); the
 * same pair for the provider-link client; an ECDSA P-256 CA and server certificate for standard
 * TLS. Each as PEM and in PKCS#12 key stores protected by one password.
 *
 * <p>Guarantees: idempotent, since a complete set is kept as it is; a partial set is refused
 * rather than silently re-issued under a new CA (peers that trust the old CA would break); files
 * are owner-only. For development and tests: production brings certificates from its own CA.
 *
 * <p>Run from the command line as {@code certs/make-dev-certs.sh --tls [folder]}.
 */
public final class DevTlsCertificates {

    static final String SM2_SIGNATURE = "SM3withSM2";
    static final String ECDSA_SIGNATURE = "SHA256withECDSA";
    private static final String ORG = "O=Real-name gateway (development),C=CN";
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final TlsFiles files;
    private final char[] password;
    private final List<String> serverNames;
    private final Clock clock;

    /**
     * @param extraNames host names or addresses the server certificates must also carry, beside
     *                   {@code localhost} and {@code 127.0.0.1}
     */
    public DevTlsCertificates(Path folder, char[] password, List<String> extraNames, Clock clock) {
        this.files = new TlsFiles(folder);
        this.password = password.clone();
        LinkedHashSet<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        names.addAll(extraNames);
        this.serverNames = List.copyOf(names);
        this.clock = clock;
    }

    /** Every file the generator writes; present all together or not at all. */
    public List<Path> outputs() {
        return List.of(files.sm2CaPem(), files.sm2CaKeyPem(), files.ecdsaCaPem(), files.ecdsaCaKeyPem(),
                files.tlcpServerP12(), files.tlcpClientP12(), files.tlsSm2ServerP12(), files.tlsEcdsaServerP12(),
                files.certPem("tlcp-server-sign"), files.keyPem("tlcp-server-sign"),
                files.certPem("tlcp-server-enc"), files.keyPem("tlcp-server-enc"),
                files.certPem("tlcp-client-sign"), files.keyPem("tlcp-client-sign"),
                files.certPem("tlcp-client-enc"), files.keyPem("tlcp-client-enc"),
                files.certPem("tls-ecdsa-server"), files.keyPem("tls-ecdsa-server"));
    }

    /**
     * Makes the set unless it is already complete.
     *
     * @return true when files were written, false when the existing set was kept
     * @throws IllegalStateException when only part of the set exists
     */
    public boolean ensure() throws IOException, GeneralSecurityException {
        List<Path> missing = outputs().stream().filter(p -> !Files.isRegularFile(p)).toList();
        if (missing.isEmpty()) {
            return false;
        }
        if (missing.size() != outputs().size()) {
            throw new IllegalStateException("The TLS folder " + files.folder() + " holds an incomplete set (missing "
                    + missing.stream().map(p -> p.getFileName().toString()).toList()
                    + "): move it away to generate a new set, or complete it from your CA");
        }
        generate();
        return true;
    }

    private void generate() throws IOException, GeneralSecurityException {
        SecureFiles.ownerOnlyFolder(files.folder());
        CertificateIssuer issuer = new CertificateIssuer(clock.instant(), VALIDITY);

        KeyPair sm2Ca = keyPair("sm2p256v1");
        X509Certificate sm2CaCert = issuer.selfSignedCa("CN=Development SM2 CA," + ORG, sm2Ca, SM2_SIGNATURE);
        Issued serverSign = sm2(issuer, "CN=localhost,OU=TLS server signing," + ORG, KeyUse.SIGNING,
                CertificateIssuer.Party.SERVER, serverNames, sm2CaCert, sm2Ca);
        Issued serverEnc = sm2(issuer, "CN=localhost,OU=TLCP server encryption," + ORG, KeyUse.ENCRYPTION,
                CertificateIssuer.Party.SERVER, serverNames, sm2CaCert, sm2Ca);
        Issued clientSign = sm2(issuer, "CN=realname-gateway provider link,OU=TLS client signing," + ORG, KeyUse.SIGNING,
                CertificateIssuer.Party.CLIENT, List.of(), sm2CaCert, sm2Ca);
        Issued clientEnc = sm2(issuer, "CN=realname-gateway provider link,OU=TLCP client encryption," + ORG,
                KeyUse.ENCRYPTION, CertificateIssuer.Party.CLIENT, List.of(), sm2CaCert, sm2Ca);

        KeyPair ecCa = keyPair("secp256r1");
        X509Certificate ecCaCert = issuer.selfSignedCa("CN=Development ECDSA CA," + ORG, ecCa, ECDSA_SIGNATURE);
        KeyPair ecServer = keyPair("secp256r1");
        X509Certificate ecServerCert = issuer.endEntity("CN=localhost,OU=TLS server," + ORG, ecServer.getPublic(),
                KeyUse.SIGNING, CertificateIssuer.Party.SERVER, serverNames, ecCaCert, ecCa.getPrivate(), ECDSA_SIGNATURE);
        Issued ecdsaServer = new Issued(ecServer, ecServerCert, ecCaCert);

        // Key stores first, then PEM copies, then the CA files last: the CA PEM's presence is
        // what marks a complete set for a reader that looks at one file only.
        writeStore(files.tlcpServerP12(), new Entry(TlsFiles.SIGN, serverSign), new Entry(TlsFiles.ENC, serverEnc));
        writeStore(files.tlcpClientP12(), new Entry(TlsFiles.SIGN, clientSign), new Entry(TlsFiles.ENC, clientEnc));
        writeStore(files.tlsSm2ServerP12(), new Entry(TlsFiles.SIGN, serverSign));
        writeStore(files.tlsEcdsaServerP12(), new Entry(TlsFiles.SERVER, ecdsaServer));
        writePem("tlcp-server-sign", serverSign);
        writePem("tlcp-server-enc", serverEnc);
        writePem("tlcp-client-sign", clientSign);
        writePem("tlcp-client-enc", clientEnc);
        writePem("tls-ecdsa-server", ecdsaServer);
        SecureFiles.write(files.sm2CaKeyPem(), pem(new JcaPKCS8Generator(sm2Ca.getPrivate(), null)));
        SecureFiles.write(files.ecdsaCaKeyPem(), pem(new JcaPKCS8Generator(ecCa.getPrivate(), null)));
        SecureFiles.write(files.ecdsaCaPem(), pem(ecCaCert));
        SecureFiles.write(files.sm2CaPem(), pem(sm2CaCert));
    }

    private record Issued(KeyPair keys, X509Certificate cert, X509Certificate ca) {
        Certificate[] chain() {
            return new Certificate[] {cert, ca};
        }
    }

    private record Entry(String alias, Issued issued) {
    }

    private static Issued sm2(CertificateIssuer issuer, String subject, KeyUse use, CertificateIssuer.Party party,
            List<String> names, X509Certificate caCert, KeyPair ca) throws GeneralSecurityException {
        KeyPair keys = keyPair("sm2p256v1");
        return new Issued(keys, issuer.endEntity(subject, keys.getPublic(), use, party, names, caCert, ca.getPrivate(),
                SM2_SIGNATURE), caCert);
    }

    static KeyPair keyPair(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = GmProvider.keyPairGenerator("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private void writeStore(Path target, Entry... entries) throws IOException, GeneralSecurityException {
        // BouncyCastle's PKCS12: the JDK's own cannot rebuild SM2 keys (SunEC lacks sm2p256v1).
        KeyStore store = GmProvider.keyStore("PKCS12");
        store.load(null, null);
        for (Entry e : entries) {
            store.setKeyEntry(e.alias(), e.issued().keys().getPrivate(), password, e.issued().chain());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        SecureFiles.write(target, out.toByteArray());
    }

    private void writePem(String name, Issued issued) throws IOException {
        SecureFiles.write(files.certPem(name), pem(issued.cert(), issued.ca()));
        SecureFiles.write(files.keyPem(name), pem(new JcaPKCS8Generator(issued.keys().getPrivate(), null)));
    }

    private static byte[] pem(Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                if (o instanceof JcaPKCS8Generator g) {
                    w.writeObject(g.generate());
                } else {
                    w.writeObject(o);
                }
            }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code DevTlsCertificates [folder] [extra-name ...]}; the key store password comes from the
     * environment variable {@code GATEWAY_TLS_KEY_STORE_PASSWORD}, else the development
     * {@code changeit}.
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "certs/out/tls");
        List<String> names = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : new ArrayList<>();
        String pw = System.getenv().getOrDefault("GATEWAY_TLS_KEY_STORE_PASSWORD", "changeit");
        DevTlsCertificates certs = new DevTlsCertificates(folder, pw.toCharArray(), names, Clock.systemUTC());
        try {
            System.out.println(certs.ensure() ? "Development TLS material written to " + folder
                    : "Development TLS material already complete in " + folder + " (kept)");
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
