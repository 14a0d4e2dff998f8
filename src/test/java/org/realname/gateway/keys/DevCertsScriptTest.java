package org.realname.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.realname.gateway.crypto.GmProvider;

/** certs/make-dev-certs.sh makes an SM2 CA and a signing certificate that Java (BouncyCastle) accepts as a chain. */
class DevCertsScriptTest {

    @Test
    void theScript_makesAVerifiableSm2Chain(@TempDir Path out) throws Exception {
        Process p = new ProcessBuilder("bash", "certs/make-dev-certs.sh", out.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("script.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(out.resolve("script.log")));

        X509Certificate ca = read(out.resolve("ca-cert.pem"));
        X509Certificate signing = read(out.resolve("signing-cert.pem"));
        // The SM2 signature on the leaf verifies with the CA's key (BouncyCastle, independent of openssl).
        signing.verify(ca.getPublicKey(), GmProvider.provider());
        assertEquals(ca.getSubjectX500Principal(), signing.getIssuerX500Principal());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        assertEquals(-1, signing.getBasicConstraints(), "the leaf is not a CA");
        assertTrue(signing.getKeyUsage()[0], "digitalSignature");
        assertFalse(signing.getKeyUsage()[5], "no keyCertSign on the leaf");
        assertTrue(signing.getSigAlgName().toUpperCase().contains("SM3"), signing.getSigAlgName());
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509", GmProvider.provider()).generateCertificate(in);
        }
    }
}
