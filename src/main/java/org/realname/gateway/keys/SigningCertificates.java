package org.realname.gateway.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.realname.gateway.crypto.GmProvider;

/**
 * The self-signed SM2 certificates that publish the signing keys' public keys (SM3withSM2, with
 * bcpkix). Signing and verifying themselves are {@link org.realname.gateway.crypto.Sm2Signer} and
 * {@link org.realname.gateway.crypto.Sm2Verifier}.
 */
final class SigningCertificates {

    private static final String ALGORITHM = "SM3withSM2";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningCertificates() {
    }

    /** A self-signed SM2 certificate (signed SM3withSM2) that publishes the key pair's public key. */
    static X509Certificate selfSigned(KeyPair pair, String commonName, Duration validity)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + commonName + ",O=realname-gateway");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name, pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            return new JcaX509CertificateConverter().setProvider(GmProvider.provider()).getCertificate(
                    builder.build(new JcaContentSignerBuilder(ALGORITHM).setProvider(GmProvider.provider()).build(pair.getPrivate())));
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("the SM2 certificate could not be built", e);
        }
    }
}
