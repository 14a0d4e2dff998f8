package org.realname.gateway.tls.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.realname.gateway.crypto.GmProvider;
import org.realname.gateway.tls.Pem;

/**
 * The development TLS material: what TLCP and TLS 1.3 require of each certificate, the key store
 * layout the listeners load, idempotence and owner-only files.
 */
class DevTlsCertificatesTest {

    /** keyUsage bit positions (RFC 5280): digitalSignature 0, keyEncipherment 2, dataEncipherment 3, keyAgreement 4, keyCertSign 5. */
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int DATA_ENCIPHERMENT = 3;
    private static final int KEY_AGREEMENT = 4;
    private static final int KEY_CERT_SIGN = 5;
    private static final String SM3_WITH_SM2 = "1.2.156.10197.1.501";
    private static final char[] PW = "changeit".toCharArray();

    @TempDir
    static Path dir;
    static TlsFiles files;
    static DevTlsCertificates generator;

    @BeforeAll
    static void generate() throws Exception {
        files = new TlsFiles(dir.resolve("tls"));
        generator = new DevTlsCertificates(files.folder(), PW, List.of("gateway.example", "10.0.0.7"), Clock.systemUTC());
        assertTrue(generator.ensure(), "first run writes the set");
    }

    static KeyStore store(Path p) throws Exception {
        return Pem.pkcs12(p, PW);
    }

    static X509Certificate leaf(Path p12, String alias) throws Exception {
        return (X509Certificate) store(p12).getCertificate(alias);
    }

    @Test
    void tlcpServerStore_hasSignAndEncKeyEntries_withTheirChains() throws Exception {
        for (Path p : List.of(files.tlcpServerP12(), files.tlcpClientP12())) {
            KeyStore ks = store(p);
            assertEquals(Set.of("sign", "enc"), Set.copyOf(Collections.list(ks.aliases())));
            for (String alias : List.of("sign", "enc")) {
                assertTrue(ks.isKeyEntry(alias));
                assertEquals(2, ks.getCertificateChain(alias).length, "leaf + CA");
            }
        }
    }

    @Test
    void signingCertificates_haveDigitalSignatureOnly_signedWithSm3WithSm2() throws Exception {
        for (Path p : List.of(files.tlcpServerP12(), files.tlcpClientP12(), files.tlsSm2ServerP12())) {
            X509Certificate c = leaf(p, "sign");
            assertEquals(SM3_WITH_SM2, c.getSigAlgOID());
            boolean[] ku = c.getKeyUsage();
            assertTrue(ku[DIGITAL_SIGNATURE]);
            assertFalse(ku[KEY_ENCIPHERMENT] || ku[DATA_ENCIPHERMENT] || ku[KEY_AGREEMENT] || ku[KEY_CERT_SIGN]);
            assertTrue(c.getCriticalExtensionOIDs().contains("2.5.29.15"), "keyUsage is critical");
        }
    }

    @Test
    void encryptionCertificates_haveKeyEnciphermentDataEnciphermentKeyAgreement_andNoDigitalSignature() throws Exception {
        for (Path p : List.of(files.tlcpServerP12(), files.tlcpClientP12())) {
            X509Certificate c = leaf(p, "enc");
            assertEquals(SM3_WITH_SM2, c.getSigAlgOID());
            boolean[] ku = c.getKeyUsage();
            assertFalse(ku[DIGITAL_SIGNATURE], "TLCP tells the certificates apart by this bit");
            assertTrue(ku[KEY_ENCIPHERMENT] && ku[DATA_ENCIPHERMENT] && ku[KEY_AGREEMENT]);
        }
    }

    @Test
    void serverCertificates_nameLocalhostLoopbackAndConfiguredNames() throws Exception {
        for (X509Certificate c : List.of(leaf(files.tlcpServerP12(), "sign"), leaf(files.tlcpServerP12(), "enc"),
                leaf(files.tlsEcdsaServerP12(), "server"))) {
            Set<String> names = new java.util.HashSet<>();
            c.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
            assertEquals(Set.of("localhost", "127.0.0.1", "gateway.example", "10.0.0.7"), names);
            assertTrue(c.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        }
        assertTrue(leaf(files.tlcpClientP12(), "sign").getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
    }

    @Test
    void everyCertificate_chainsToItsCa() throws Exception {
        X509Certificate sm2Ca = Pem.certificates(files.sm2CaPem()).get(0);
        X509Certificate ecCa = Pem.certificates(files.ecdsaCaPem()).get(0);
        assertEquals(SM3_WITH_SM2, sm2Ca.getSigAlgOID());
        assertTrue(sm2Ca.getKeyUsage()[KEY_CERT_SIGN]);
        assertEquals(0, sm2Ca.getBasicConstraints());
        for (X509Certificate c : List.of(leaf(files.tlcpServerP12(), "sign"), leaf(files.tlcpServerP12(), "enc"),
                leaf(files.tlcpClientP12(), "sign"), leaf(files.tlcpClientP12(), "enc"))) {
            validate(c, sm2Ca);
        }
        X509Certificate ec = leaf(files.tlsEcdsaServerP12(), "server");
        assertEquals("1.2.840.10045.4.3.2", ec.getSigAlgOID(), "SHA256withECDSA");
        validate(ec, ecCa);
        // And the other way round fails: the check can fail.
        assertThrows(java.security.cert.CertPathValidatorException.class, () -> validate(ec, sm2Ca));
    }

    static void validate(X509Certificate c, X509Certificate anchor) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509", GmProvider.provider());
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX", GmProvider.provider()).validate(cf.generateCertPath(List.of(c)), params);
    }

    /** An independent check: Debian's openssl 3 validates the SM2 chains (SM3withSM2, default user ID). */
    @Test
    void openssl_verifiesTheSm2Certificates(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/openssl").canExecute(), "openssl 3 installed");
        for (String alias : List.of("sign", "enc")) {
            X509Certificate c = leaf(files.tlcpServerP12(), alias);
            Path pem = tmp.resolve(alias + ".pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            Process p = new ProcessBuilder("openssl", "verify", "-CAfile", files.sm2CaPem().toString(),
                    "-vfyopt", "distid:1234567812345678", pem.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.trim().endsWith(": OK"), out);
        }
    }

    @Test
    void secondRun_keepsTheExistingFiles() throws Exception {
        byte[] before = Files.readAllBytes(files.tlcpServerP12());
        byte[] caBefore = Files.readAllBytes(files.sm2CaPem());
        DevTlsCertificates again = new DevTlsCertificates(files.folder(), PW, List.of(), Clock.systemUTC());
        assertFalse(again.ensure(), "nothing written");
        assertArrayEquals(before, Files.readAllBytes(files.tlcpServerP12()));
        assertArrayEquals(caBefore, Files.readAllBytes(files.sm2CaPem()));
    }

    @Test
    void partialSet_isRefusedRatherThanReissued(@TempDir Path other) throws Exception {
        TlsFiles f = new TlsFiles(other.resolve("tls"));
        DevTlsCertificates g = new DevTlsCertificates(f.folder(), PW, List.of(), Clock.systemUTC());
        g.ensure();
        Files.delete(f.tlcpClientP12());
        IllegalStateException e = assertThrows(IllegalStateException.class, g::ensure);
        assertTrue(e.getMessage().contains("tlcp-client.p12"), e.getMessage());
    }

    @Test
    void filesAndFolder_areOwnerOnly() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.folder())));
        for (Path p : generator.outputs()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.getFileName().toString());
        }
    }

    @Test
    void pemKeys_arePkcs8_andMatchTheirCertificates() throws Exception {
        String key = Files.readString(files.keyPem("tlcp-server-enc"));
        assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----"));
        X509Certificate fromPem = Pem.certificates(files.certPem("tlcp-server-enc")).get(0);
        assertEquals(leaf(files.tlcpServerP12(), "enc"), fromPem);
    }
}
