package org.realname.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Objects;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/**
 * {@link Verifier} for {@link Sm2Signer}'s signatures: SM3withSM2, DER
 * {@code SEQUENCE { INTEGER r, INTEGER s }}, the same user ID as the signer (default
 * {@value Sm2Signer#DEFAULT_USER_ID}).
 *
 * <p>The signature is parsed strictly before verification: short-form DER lengths only,
 * minimal integers, no trailing bytes, 1 &lt;= r, s &lt; n. Every failure, whether malformed or
 * simply wrong, is a {@link SignatureException}.
 */
public final class Sm2Verifier implements Verifier {

    private final PublicKey publicKey;
    private final byte[] userId;

    /**
     * A verifier with the default user ID {@value Sm2Signer#DEFAULT_USER_ID}.
     *
     * @throws InvalidKeyException if the key is not an EC key on {@code sm2p256v1}
     */
    public Sm2Verifier(PublicKey publicKey) throws InvalidKeyException {
        this(publicKey, Sm2Domain.defaultUserId());
    }

    /**
     * @param userId the signer's distinguishing identifier (copied), at most 8191 bytes
     * @throws InvalidKeyException if the key is not an EC key on {@code sm2p256v1}
     * @throws IllegalArgumentException if {@code userId} is null or too long
     */
    public Sm2Verifier(PublicKey publicKey, byte[] userId) throws InvalidKeyException {
        Sm2Domain.requireSm2Key(publicKey);
        this.publicKey = publicKey;
        this.userId = Sm2Domain.checkedUserId(userId);
    }

    @Override
    public void verify(byte[] signature, byte[] data) throws GeneralSecurityException {
        Objects.requireNonNull(data, "data");
        // Our own bounds check first: BouncyCastle would also refuse most of these, but its
        // reaction to odd encodings is not part of its contract, and ours is.
        DerSignature.decode(signature, Sm2Domain.ORDER);
        Signature verifier = GmProvider.signature(Sm2Domain.SIGNATURE_ALGORITHM);
        verifier.setParameter(new SM2ParameterSpec(userId));
        verifier.initVerify(publicKey);
        verifier.update(data);
        if (!verifier.verify(signature)) {
            throw new SignatureException("invalid SM2 signature");
        }
    }
}
