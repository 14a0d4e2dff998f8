package org.realname.gateway.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

class Sm2KeyPairsTest {

    private static final byte[] DATA = "abc".getBytes(US_ASCII);

    @Test
    void generatedKeys_signAndVerify() throws Exception {
        KeyPair pair = Sm2KeyPairs.generate();
        byte[] signature = new Sm2Signer(pair.getPrivate()).sign(DATA);
        assertDoesNotThrow(() -> new Sm2Verifier(pair.getPublic()).verify(signature, DATA));
    }

    @Test
    void encodings_areSpkiAndPkcs8WithTheSm2CurveOid() throws Exception {
        KeyPair pair = Sm2KeyPairs.generate();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(Sm2KeyPairs.encodePublicKey(pair.getPublic()));
        assertEquals(X9ObjectIdentifiers.id_ecPublicKey, spki.getAlgorithm().getAlgorithm());
        assertEquals(GMObjectIdentifiers.sm2p256v1, spki.getAlgorithm().getParameters());

        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(
                Sm2KeyPairs.encodePrivateKey(pair.getPrivate()).toByteArray(SecretKeyAccess.rawKeyAccess()));
        assertEquals(X9ObjectIdentifiers.id_ecPublicKey, pkcs8.getPrivateKeyAlgorithm().getAlgorithm());
        assertEquals(GMObjectIdentifiers.sm2p256v1, pkcs8.getPrivateKeyAlgorithm().getParameters());
    }

    @Test
    void encodeThenDecode_givesWorkingKeys() throws Exception {
        KeyPair pair = Sm2KeyPairs.generate();
        byte[] spki = Sm2KeyPairs.encodePublicKey(pair.getPublic());
        SecretBytes pkcs8 = Sm2KeyPairs.encodePrivateKey(pair.getPrivate());

        PublicKey publicKey = Sm2KeyPairs.decodePublicKey(spki);
        PrivateKey privateKey = Sm2KeyPairs.decodePrivateKey(pkcs8);

        assertArrayEquals(spki, Sm2KeyPairs.encodePublicKey(publicKey));
        assertArrayEquals(pair.getPrivate().getEncoded(), privateKey.getEncoded());
        byte[] signature = new Sm2Signer(privateKey).sign(DATA);
        assertDoesNotThrow(() -> new Sm2Verifier(publicKey).verify(signature, DATA));
        assertDoesNotThrow(() -> new Sm2Verifier(pair.getPublic()).verify(signature, DATA));
    }

    @Test
    void privateKeyEncoding_isSecretBytes() throws Exception {
        SecretBytes pkcs8 = Sm2KeyPairs.encodePrivateKey(Sm2KeyPairs.generate().getPrivate());
        assertFalse(pkcs8.toString().matches(".*[0-9a-f]{16}.*"), pkcs8.toString());
    }

    @Test
    void malformedPublicKey_fails() throws Exception {
        byte[] spki = Sm2KeyPairs.encodePublicKey(Sm2KeyPairs.generate().getPublic());
        byte[] offCurve = spki.clone();
        offCurve[offCurve.length - 1] ^= 0x01; // last byte of y: the point leaves the curve
        for (byte[] bad : new byte[][] {new byte[0], new byte[] {0x30, 0x00}, Arrays.copyOf(spki, spki.length - 1),
                offCurve, HexFormat.of().parseHex("deadbeef")}) {
            assertThrows(GeneralSecurityException.class, () -> Sm2KeyPairs.decodePublicKey(bad));
        }
    }

    @Test
    void malformedPrivateKey_failsWithoutQuotingIt() throws Exception {
        byte[] pkcs8 = Sm2KeyPairs.encodePrivateKey(Sm2KeyPairs.generate().getPrivate())
                .toByteArray(SecretKeyAccess.rawKeyAccess());
        for (byte[] bad : new byte[][] {new byte[0], Arrays.copyOf(pkcs8, pkcs8.length - 1), new byte[] {0x30, 0x03, 0x02, 0x01}}) {
            GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                    () -> Sm2KeyPairs.decodePrivateKey(SecretBytes.copyFrom(bad, SecretKeyAccess.rawKeyAccess())));
            assertEquals("malformed SM2 private key", e.getMessage());
            assertEquals(null, e.getCause());
        }
    }

    @Test
    void keysOnOtherCurves_areRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair p256 = generator.generateKeyPair();
        SecretBytes p256Pkcs8 = SecretBytes.copyFrom(p256.getPrivate().getEncoded(), SecretKeyAccess.rawKeyAccess());

        assertThrows(InvalidKeyException.class, () -> Sm2KeyPairs.decodePublicKey(p256.getPublic().getEncoded()));
        assertThrows(InvalidKeyException.class, () -> Sm2KeyPairs.decodePrivateKey(p256Pkcs8));
        assertThrows(InvalidKeyException.class, () -> Sm2KeyPairs.encodePublicKey(p256.getPublic()));
        assertThrows(InvalidKeyException.class, () -> Sm2KeyPairs.encodePrivateKey(p256.getPrivate()));
    }
}
