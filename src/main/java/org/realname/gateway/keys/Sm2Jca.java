package org.realname.gateway.keys;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.realname.gateway.crypto.GmProvider;

/**
 * SM2 through the JCA, for the key ring only. Deliberately small and package-private: the
 * {@code crypto} package is getting general SM2 signer/verifier classes, and this is the one
 * place to switch over to them.
 *
 * <p>Signatures are SM3withSM2, DER {@code SEQUENCE(r, s)}, with the SM2 user ID
 * {@value #USER_ID} (the GB/T 32918 default), set before every {@code initSign}/{@code initVerify}.
 */
final class Sm2Jca {

    static final String USER_ID = "1234567812345678";
    private static final String ALGORITHM = "SM3withSM2";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sm2Jca() {
    }

    /**
     * GmProvider's instance, unless another class loader registered "BC" first (a test JVM that
     * ran Quarkus apps): that instance refuses the SM2ParameterSpec of ours ("only
     * SM2ParameterSpec supported"). Then a private, unregistered instance of our own classes.
     * Goes away when GmProvider answers this class loader's instance itself.
     */
    private static Provider provider() {
        Provider registered = GmProvider.provider();
        return registered.getClass() == BouncyCastleProvider.class ? registered : Local.INSTANCE;
    }

    private static final class Local {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }

    static KeyPair generateKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider());
        generator.initialize(new ECGenParameterSpec("sm2p256v1"), RANDOM);
        return generator.generateKeyPair();
    }

    static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(ALGORITHM, provider());
        signature.setParameter(new SM2ParameterSpec(USER_ID.getBytes(US_ASCII)));
        signature.initSign(key, RANDOM);
        signature.update(data);
        return signature.sign();
    }

    /** False for a wrong or malformed signature; an exception only for a broken setup. */
    static boolean verify(PublicKey key, byte[] data, byte[] sig) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(ALGORITHM, provider());
        signature.setParameter(new SM2ParameterSpec(USER_ID.getBytes(US_ASCII)));
        signature.initVerify(key);
        signature.update(data);
        try {
            return signature.verify(sig);
        } catch (java.security.SignatureException e) {
            // A malformed DER encoding is just a signature that does not verify.
            return false;
        }
    }

    /** A self-signed SM2 certificate (signed SM3withSM2) that publishes the key pair's public key. */
    static X509Certificate selfSignedCertificate(KeyPair pair, String commonName, Duration validity)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + commonName + ",O=realname-gateway");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name, pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            return new JcaX509CertificateConverter().setProvider(provider()).getCertificate(
                    builder.build(new JcaContentSignerBuilder(ALGORITHM).setProvider(provider()).build(pair.getPrivate())));
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("the SM2 certificate could not be built", e);
        }
    }
}
