import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Checks a receipt offline with the files the openssl recipe writes: receipt.txt (the exact
 * bytes), sig.der (the signature, base64-decoded) and cert.pem (the signing certificate).
 * Class path: bcprov-jdk18on 1.84. Run: java -cp bcprov-jdk18on-1.84.jar ReceiptCheck.java receipt.txt sig.der cert.pem
 */
public class ReceiptCheck {

    public static void main(String[] args) throws Exception {
        byte[] receipt = Files.readAllBytes(Path.of(args[0]));
        byte[] signature = Files.readAllBytes(Path.of(args[1]));
        Provider bc = new BouncyCastleProvider();
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509", bc).generateCertificate(in);
        }
        Signature sm2 = Signature.getInstance("SM3withSM2", bc);
        // The signer's ID is part of SM2's digest: the default 1234567812345678, as the receipt's user_id says.
        sm2.setParameter(new SM2ParameterSpec("1234567812345678".getBytes(StandardCharsets.US_ASCII)));
        sm2.initVerify(cert.getPublicKey());
        sm2.update(receipt);
        boolean ok = sm2.verify(signature);
        System.out.println(ok ? "Verified OK" : "Verification FAILED");
        System.exit(ok ? 0 : 1);
    }
}
