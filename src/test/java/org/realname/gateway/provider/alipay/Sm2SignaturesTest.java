package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.realname.gateway.crypto.GmProvider;

/** {@code SignType.SM2} through the one signing path both the client and the sandbox use. */
class Sm2SignaturesTest {

    private static final KeyPair KEYS = PemKeys.generateSm2();
    private static final String CONTENT = "app_id=2021000000000001&biz_content={\"cert_name\":\"张三\"}&sign_type=SM2";

    // GB/T 32918.5-2017 annex A (also GM/T 0003.5): curve sm2p256v1, ID 1234567812345678.
    private static final BigInteger KAT_D = new BigInteger("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16);
    private static final BigInteger KAT_R = new BigInteger("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3", 16);
    private static final BigInteger KAT_S = new BigInteger("B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA", 16);
    private static final String KAT_MESSAGE = "message digest";

    @Test
    void signThenVerify_roundTrips() {
        String sign = AlipaySignatures.sign(SignType.SM2, KEYS.getPrivate(), CONTENT);
        assertTrue(AlipaySignatures.verify(SignType.SM2, KEYS.getPublic(), CONTENT, sign));
    }

    @Test
    void signatures_areRandomised_yetBothVerify() {
        String a = AlipaySignatures.sign(SignType.SM2, KEYS.getPrivate(), CONTENT);
        String b = AlipaySignatures.sign(SignType.SM2, KEYS.getPrivate(), CONTENT);
        assertNotEquals(a, b);
        assertTrue(AlipaySignatures.verify(SignType.SM2, KEYS.getPublic(), CONTENT, b));
    }

    @Test
    void tamperedContent_failsVerification() {
        String sign = AlipaySignatures.sign(SignType.SM2, KEYS.getPrivate(), CONTENT);
        assertFalse(AlipaySignatures.verify(SignType.SM2, KEYS.getPublic(), CONTENT.replace("张三", "张四"), sign));
    }

    @Test
    void tamperedSignature_failsVerification() {
        byte[] der = Base64.getDecoder().decode(AlipaySignatures.sign(SignType.SM2, KEYS.getPrivate(), CONTENT));
        der[der.length - 1] ^= 1;
        assertFalse(AlipaySignatures.verify(SignType.SM2, KEYS.getPublic(), CONTENT, Base64.getEncoder().encodeToString(der)));
    }

    @Test
    void otherKey_failsVerification() {
        String sign = AlipaySignatures.sign(SignType.SM2, KEYS.getPrivate(), CONTENT);
        assertFalse(AlipaySignatures.verify(SignType.SM2, PemKeys.generateSm2().getPublic(), CONTENT, sign));
    }

    @Test
    void signature_isStandardBase64Der_sequenceOfTwoPositiveIntegers() {
        String sign = AlipaySignatures.sign(SignType.SM2, KEYS.getPrivate(), CONTENT);
        assertTrue(sign.matches("[A-Za-z0-9+/]+={0,2}"), "standard base64, no line breaks");
        byte[] der = Base64.getDecoder().decode(sign);
        assertEquals(0x30, der[0] & 0xff, "DER SEQUENCE");
        assertEquals(der.length - 2, der[1] & 0xff, "short-form length covering the rest");
        // Two 256-bit integers: 70 or 71 bytes most of the time, 72 when both need a sign byte.
        assertTrue(der.length >= 64 && der.length <= 72, "length " + der.length);
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        assertEquals(2, seq.size());
        assertEquals(1, ASN1Integer.getInstance(seq.getObjectAt(0)).getValue().signum());
        assertEquals(1, ASN1Integer.getInstance(seq.getObjectAt(1)).getValue().signum());
    }

    @Test
    void signature_isMadeWithTheStandardUserId() throws Exception {
        byte[] der = Base64.getDecoder().decode(AlipaySignatures.sign(SignType.SM2, KEYS.getPrivate(), CONTENT));
        assertTrue(rawVerify(KEYS.getPublic(), "1234567812345678", der), "with the protocol's ID");
        assertFalse(rawVerify(KEYS.getPublic(), "ALICE123@YAHOO.COM", der), "a different ID changes Z, so it must fail");
    }

    @Test
    void signatureMadeWithAnotherUserId_failsVerification() throws Exception {
        Signature other = GmProvider.signature("SM3withSM2");
        other.setParameter(new SM2ParameterSpec("ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII)));
        other.initSign(KEYS.getPrivate());
        other.update(CONTENT.getBytes(StandardCharsets.UTF_8));
        String sign = Base64.getEncoder().encodeToString(other.sign());
        assertFalse(AlipaySignatures.verify(SignType.SM2, KEYS.getPublic(), CONTENT, sign));
    }

    @Test
    void knownAnswer_gbt32918Part5AnnexA_verifies() throws Exception {
        PublicKey pub = annexAPublicKey();
        ECPublicKey ec = (ECPublicKey) pub;
        assertEquals("09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020", String.format("%064x", ec.getW().getAffineX()));
        assertEquals("ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13", String.format("%064x", ec.getW().getAffineY()));

        String sign = der(KAT_R, KAT_S);
        assertTrue(AlipaySignatures.verify(SignType.SM2, pub, KAT_MESSAGE, sign));
        assertFalse(AlipaySignatures.verify(SignType.SM2, pub, "message digesT", sign));
        assertFalse(AlipaySignatures.verify(SignType.SM2, pub, KAT_MESSAGE, der(KAT_R, KAT_S.add(BigInteger.ONE))));
    }

    @Test
    void rsaKeyForSm2_isRefusedWithoutKeyMaterialInTheMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AlipaySignatures.sign(SignType.SM2, PemKeys.generateRsa().getPrivate(), CONTENT));
        assertFalse(e.getMessage().contains("MII"), e.getMessage());
        assertFalse(AlipaySignatures.verify(SignType.SM2, PemKeys.generateRsa().getPublic(), CONTENT,
                AlipaySignatures.sign(SignType.SM2, KEYS.getPrivate(), CONTENT)));
    }

    @Test
    void samePair_isDetected_distinctPairsAreNot() {
        assertTrue(AlipayKeys.isSamePair(SignType.SM2, KEYS.getPrivate(), KEYS.getPublic()));
        assertFalse(AlipayKeys.isSamePair(SignType.SM2, KEYS.getPrivate(), PemKeys.generateSm2().getPublic()));
        KeyPair rsa = PemKeys.generateRsa();
        assertTrue(AlipayKeys.isSamePair(SignType.RSA2, rsa.getPrivate(), rsa.getPublic()));
    }

    private static PublicKey annexAPublicKey() throws Exception {
        ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("sm2p256v1");
        ECPoint q = curve.getG().multiply(KAT_D).normalize();
        return GmProvider.keyFactory("EC").generatePublic(new ECPublicKeySpec(q, curve));
    }

    private static String der(BigInteger r, BigInteger s) throws Exception {
        return Base64.getEncoder().encodeToString(new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded());
    }

    private static boolean rawVerify(PublicKey key, String userId, byte[] der) throws Exception {
        Signature verifier = GmProvider.signature("SM3withSM2");
        verifier.setParameter(new SM2ParameterSpec(userId.getBytes(StandardCharsets.US_ASCII)));
        verifier.initVerify(key);
        verifier.update(CONTENT.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(der);
    }
}
