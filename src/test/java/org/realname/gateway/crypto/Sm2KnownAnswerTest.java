package org.realname.gateway.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The SM2 signature example of GB/T 32918.5 annex A (curve sm2p256v1), see
 * {@code /work/shared/gm-crypto.md}. SM2 is randomised, so the exact (r, s) comes only from a
 * fixed k through BouncyCastle's low-level signer; the JCA path used by {@link Sm2Verifier} is
 * then checked to accept exactly that (r, s).
 */
class Sm2KnownAnswerTest {

    static final BigInteger D = hex("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8");
    static final BigInteger K = hex("59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21");
    static final BigInteger R = hex("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3");
    static final BigInteger S = hex("B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA");
    static final byte[] MESSAGE = "message digest".getBytes(US_ASCII);
    static final byte[] USER_ID = "1234567812345678".getBytes(US_ASCII);

    private static final X9ECParameters CURVE = GMNamedCurves.getByName("sm2p256v1");

    @Test
    void annexA_lowLevelSignerWithFixedK_matchesKnownAnswer() throws Exception {
        // BC 1.84's SM2Signer has no constructor taking a DSAKCalculator (its RandomDSAKCalculator
        // is a private final field), but that calculator draws k as exactly 32 bytes from the
        // SecureRandom it is given: a random source that returns k is the fixed-k calculator.
        var signer = new org.bouncycastle.crypto.signers.SM2Signer();
        var privateKey = new ECPrivateKeyParameters(D, new ECDomainParameters(CURVE));
        signer.init(true, new ParametersWithID(new ParametersWithRandom(privateKey, fixedK()), USER_ID));
        signer.update(MESSAGE, 0, MESSAGE.length);

        BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(CURVE.getN(), signer.generateSignature());

        assertEquals(R, rs[0], "r");
        assertEquals(S, rs[1], "s");
    }

    @Test
    void annexA_signatureVerifiesThroughJca() throws Exception {
        assertDoesNotThrow(() -> new Sm2Verifier(annexPublicKey()).verify(annexSignatureDer(), MESSAGE));
        assertDoesNotThrow(() -> new Sm2Verifier(annexPublicKey(), USER_ID).verify(annexSignatureDer(), MESSAGE));
    }

    @Test
    void annexA_flippedSignatureBit_fails() throws Exception {
        Sm2Verifier verifier = new Sm2Verifier(annexPublicKey());
        byte[] signature = annexSignatureDer();
        signature[signature.length - 1] ^= 0x01; // lowest bit of s: still well-formed DER
        assertThrows(GeneralSecurityException.class, () -> verifier.verify(signature, MESSAGE));
    }

    @Test
    void annexA_otherMessage_fails() throws Exception {
        Sm2Verifier verifier = new Sm2Verifier(annexPublicKey());
        assertThrows(GeneralSecurityException.class,
                () -> verifier.verify(annexSignatureDer(), "message digesT".getBytes(US_ASCII)));
    }

    @Test
    void annexPrivateKey_signsWhatTheDerivedPublicKeyVerifies() throws Exception {
        ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec("sm2p256v1");
        PrivateKey privateKey = GmProvider.keyFactory("EC").generatePrivate(new ECPrivateKeySpec(D, spec));
        byte[] signature = new Sm2Signer(privateKey).sign(MESSAGE);
        assertDoesNotThrow(() -> new Sm2Verifier(annexPublicKey()).verify(signature, MESSAGE));
    }

    /** Q = d·G, turned into a JCA key through the SubjectPublicKeyInfo reader. */
    static PublicKey annexPublicKey() throws GeneralSecurityException {
        ECPoint q = CURVE.getG().multiply(D).normalize();
        ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec("sm2p256v1");
        PublicKey direct = GmProvider.keyFactory("EC").generatePublic(new ECPublicKeySpec(q, spec));
        return Sm2KeyPairs.decodePublicKey(direct.getEncoded());
    }

    /** DER (r, s), encoded by BouncyCastle rather than by our own code. */
    static byte[] annexSignatureDer() throws Exception {
        return StandardDSAEncoding.INSTANCE.encode(CURVE.getN(), R, S);
    }

    private static SecureRandom fixedK() {
        byte[] k = HexFormat.of().parseHex(String.format("%064x", K));
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                if (bytes.length != k.length) {
                    throw new AssertionError("k requested as " + bytes.length + " bytes, expected 32");
                }
                System.arraycopy(k, 0, bytes, 0, k.length);
            }
        };
    }

    private static BigInteger hex(String value) {
        return new BigInteger(value, 16);
    }
}
