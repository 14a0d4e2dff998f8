package org.realname.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/**
 * {@link Signer} with SM2 over SM3 ({@code SM3withSM2}, GB/T 32918.2), through BouncyCastle.
 *
 * <p>The signature is the DER encoding of {@code SEQUENCE { INTEGER r, INTEGER s }}
 * (GB/T 35276), at most 72 bytes, as openssl, Tongsuo and GmSSL produce and expect. Before
 * hashing, SM2 prefixes the message with Z = SM3(ENTL || ID || curve || public key): the
 * verifier must use the same user ID, or the signature does not verify. The default ID is
 * {@value #DEFAULT_USER_ID}, the standard's recommendation and what peers assume; openssl's
 * command line assumes an empty ID unless told {@code -sigopt distid:1234567812345678}.
 *
 * <p>Signing is randomised (a fresh k from {@link java.security.SecureRandom} per signature).
 */
public final class Sm2Signer implements Signer {

    /** The user ID used when none is given, as ASCII bytes. */
    public static final String DEFAULT_USER_ID = Sm2Domain.DEFAULT_USER_ID;

    private final PrivateKey privateKey;
    private final byte[] userId;

    /**
     * A signer with the default user ID {@value #DEFAULT_USER_ID}.
     *
     * @throws InvalidKeyException if the key is not an EC key on {@code sm2p256v1}
     */
    public Sm2Signer(PrivateKey privateKey) throws InvalidKeyException {
        this(privateKey, Sm2Domain.defaultUserId());
    }

    /**
     * @param userId the distinguishing identifier (copied), at most 8191 bytes
     * @throws InvalidKeyException if the key is not an EC key on {@code sm2p256v1}
     * @throws IllegalArgumentException if {@code userId} is null or too long
     */
    public Sm2Signer(PrivateKey privateKey, byte[] userId) throws InvalidKeyException {
        Sm2Domain.requireSm2Key(privateKey);
        this.privateKey = privateKey;
        this.userId = Sm2Domain.checkedUserId(userId);
    }

    @Override
    public byte[] sign(byte[] data) throws GeneralSecurityException {
        Objects.requireNonNull(data, "data");
        // A JCA Signature is stateful and not thread-safe: one per call keeps this object
        // shareable. The ID must be set before initSign, which computes Z from it.
        Signature signature = GmProvider.signature(Sm2Domain.SIGNATURE_ALGORITHM);
        signature.setParameter(new SM2ParameterSpec(userId));
        signature.initSign(privateKey);
        signature.update(data);
        return signature.sign();
    }
}
