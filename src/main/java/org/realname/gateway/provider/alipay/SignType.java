package org.realname.gateway.provider.alipay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.realname.gateway.crypto.GmProvider;

/**
 * The {@code sign_type} values the gateway speaks. Each constant knows its JCA signature engine
 * and key factory, so callers never branch on the type. Legacy {@code RSA} (SHA1withRSA) is
 * deliberately absent: the protocol says to refuse it.
 */
public enum SignType {

    /** SHA256withRSA, PKCS#1 v1.5, RSA keys of at least 2048 bits (the JDK's own provider). */
    RSA2 {
        @Override
        Signature newSignature() throws GeneralSecurityException {
            return Signature.getInstance("SHA256withRSA");
        }

        @Override
        KeyFactory keyFactory() throws GeneralSecurityException {
            return KeyFactory.getInstance("RSA");
        }
    },

    /**
     * SM3withSM2 (GB/T 32918) on curve {@code sm2p256v1}, user ID {@value #SM2_USER_ID}, signature
     * DER {@code SEQUENCE(r, s)}; through BouncyCastle, since the JDK has neither the curve nor SM3.
     */
    SM2 {
        @Override
        Signature newSignature() throws GeneralSecurityException {
            Signature signature = GmProvider.signature("SM3withSM2");
            // The ID enters the digest (Z value): it must be set before initSign/initVerify, and
            // both sides must agree on it, or every signature fails. The protocol fixes the default.
            signature.setParameter(new SM2ParameterSpec(SM2_USER_ID.getBytes(StandardCharsets.US_ASCII)));
            return signature;
        }

        @Override
        KeyFactory keyFactory() throws GeneralSecurityException {
            return GmProvider.keyFactory("EC");
        }
    };

    /** The SM2 user ID (distinguishing identifier) the protocol signs with: GB/T 32918's default. */
    public static final String SM2_USER_ID = "1234567812345678";

    /**
     * A fresh, uninitialised signature engine, already parameterised for the protocol. Engines are
     * not thread-safe, so never shared.
     */
    abstract Signature newSignature() throws GeneralSecurityException;

    /** The key factory that reads this type's PKCS#8 and X.509 keys. */
    abstract KeyFactory keyFactory() throws GeneralSecurityException;

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
    public static Optional<SignType> fromProtocol(String value) {
        for (SignType type : values()) {
            if (type.name().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
