package org.realname.gateway.tls.tlcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** What TLCP requires of the server's two certificates, checked on the loaded key store. */
class TlcpCertificateCheckTest {

    static final Path DIR = Path.of("target/tlcp-test-certs/check");

    @Test
    void theServerStore_hasAnSm2SigningAndAnSm2EncryptionCertificate_signedSm3WithSm2() throws Exception {
        TlcpTestCertificates certs = TlcpTestCertificates.shared();
        KeyStore store = TlcpKeyMaterial.keyStore(certs.serverStore(), certs.password());
        X509Certificate sign = (X509Certificate) store.getCertificate("sign");
        X509Certificate enc = (X509Certificate) store.getCertificate("enc");

        assertEquals("1.2.156.10197.1.501", sign.getSigAlgOID(), "SM3withSM2");
        assertEquals("1.2.156.10197.1.501", enc.getSigAlgOID(), "SM3withSM2");
        assertTrue(sign.getKeyUsage()[0], "signing: digitalSignature");
        assertFalse(sign.getKeyUsage()[2], "signing: no keyEncipherment");
        assertFalse(enc.getKeyUsage()[0], "encryption: no digitalSignature");
        assertTrue(enc.getKeyUsage()[2] && enc.getKeyUsage()[3] && enc.getKeyUsage()[4],
                "encryption: keyEncipherment, dataEncipherment, keyAgreement");
        assertTrue(TlcpCertificateCheck.problems(store).isEmpty());
    }

    @Test
    void anEncryptionCertificateThatMaySign_isRefused_byName() {
        Path file = TlcpTestCertificates.serverStoreWithUsages(DIR.resolve("enc-signs.p12"),
                TlcpTestCertificates.SIGN_USAGE, TlcpTestCertificates.ENC_USAGE | KeyUsage.digitalSignature);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TlcpKeyMaterial.keyStore(file, TlcpTestCertificates.PASSWORD.toCharArray()));

        assertTrue(refused.getMessage().contains("encryption certificate 'enc' must not have keyUsage digitalSignature"),
                refused.getMessage());
    }

    @Test
    void aSigningCertificateWithoutDigitalSignature_isRefused_byName() {
        Path file = TlcpTestCertificates.serverStoreWithUsages(DIR.resolve("sign-cannot.p12"),
                KeyUsage.nonRepudiation, TlcpTestCertificates.ENC_USAGE);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TlcpKeyMaterial.keyStore(file, TlcpTestCertificates.PASSWORD.toCharArray()));

        assertTrue(refused.getMessage().contains("signing certificate 'sign' lacks keyUsage digitalSignature"),
                refused.getMessage());
    }

    @Test
    void anEncryptionCertificateWithoutAnEncryptionUsage_isRefused() {
        Path file = TlcpTestCertificates.serverStoreWithUsages(DIR.resolve("enc-none.p12"),
                TlcpTestCertificates.SIGN_USAGE, KeyUsage.nonRepudiation);

        List<String> problems = TlcpCertificateCheck.problems(
                TlcpKeyMaterial.keyStoreUnchecked(file, TlcpTestCertificates.PASSWORD.toCharArray()));

        assertEquals(List.of("encryption certificate 'enc' needs keyUsage keyEncipherment, dataEncipherment or keyAgreement"), problems);
    }

    @Test
    void aWrongPassword_isRefused_withoutEchoingIt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TlcpKeyMaterial.keyStore(TlcpTestCertificates.shared().serverStore(), "not-the-password".toCharArray()));

        assertFalse(refused.getMessage().contains("not-the-password"));
    }
}
