package org.realname.gateway.provider.alipay;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The {@code sign_type} values the gateway speaks. Each constant knows its JCA signature and key
 * algorithm, so adding {@code SM2} (SM3withSM2, user id {@code 1234567812345678}, through
 * BouncyCastle) means adding one constant that overrides {@link #newSignature()}; no caller changes.
 * Legacy {@code RSA} (SHA1withRSA) is deliberately absent: the protocol says to refuse it.
 */
public enum SignType {

    /** SHA256withRSA, PKCS#1 v1.5, RSA keys of 2048 bits. */
    RSA2("SHA256withRSA", "RSA");

    private final String jcaAlgorithm;
    private final String keyAlgorithm;

    SignType(String jcaAlgorithm, String keyAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The JCA key algorithm of the keys this type signs with ({@code RSA}). */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** A fresh, uninitialised signature engine; engines are not thread-safe, so never shared. */
    Signature newSignature() throws GeneralSecurityException {
        return Signature.getInstance(jcaAlgorithm);
    }

    Signature newSigner(PrivateKey key) throws GeneralSecurityException {
        Signature signature = newSignature();
        signature.initSign(key);
        return signature;
    }

    Signature newVerifier(PublicKey key) throws GeneralSecurityException {
        Signature signature = newSignature();
        signature.initVerify(key);
        return signature;
    }

    /** The protocol value for {@code sign_type}, or empty when unknown (including legacy {@code RSA}). */
    public static java.util.Optional<SignType> fromProtocol(String value) {
        for (SignType type : values()) {
            if (type.name().equals(value)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }
}
