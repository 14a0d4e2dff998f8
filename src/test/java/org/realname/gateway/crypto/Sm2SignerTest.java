package org.realname.gateway.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Sm2SignerTest {

    private static final byte[] DATA = "receipt:7f3a9c0e:verified".getBytes(US_ASCII);
    private static final BigInteger N = Sm2Domain.ORDER;

    private static KeyPair keyPair;
    private static Sm2Signer signer;
    private static Sm2Verifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        keyPair = Sm2KeyPairs.generate();
        signer = new Sm2Signer(keyPair.getPrivate());
        verifier = new Sm2Verifier(keyPair.getPublic());
    }

    @Test
    void signThenVerify_succeeds() throws Exception {
        byte[] signature = signer.sign(DATA);
        assertDoesNotThrow(() -> verifier.verify(signature, DATA));
        assertDoesNotThrow(() -> verifier.verify(signer.sign(new byte[0]), new byte[0]));
    }

    @Test
    void signatureIsDerSequenceOfTwoIntegers() throws Exception {
        byte[] signature = signer.sign(DATA);
        assertEquals(0x30, signature[0] & 0xFF);
        assertEquals(signature.length - 2, signature[1] & 0xFF);
        assertTrue(signature.length >= 8 && signature.length <= 72, "length " + signature.length);
        BigInteger[] rs = DerSignature.decode(signature, N);
        assertEquals(2, rs.length);
    }

    @Test
    void signingIsRandomised() throws Exception {
        assertFalse(Arrays.equals(signer.sign(DATA), signer.sign(DATA)));
    }

    @Test
    void customUserId_roundTrips() throws Exception {
        byte[] id = "gateway@realname.example".getBytes(US_ASCII);
        byte[] signature = new Sm2Signer(keyPair.getPrivate(), id).sign(DATA);
        assertDoesNotThrow(() -> new Sm2Verifier(keyPair.getPublic(), id).verify(signature, DATA));
        assertDoesNotThrow(() -> new Sm2Verifier(keyPair.getPublic(), new byte[0])
                .verify(new Sm2Signer(keyPair.getPrivate(), new byte[0]).sign(DATA), DATA));
    }

    @Test
    void flippedSignatureBit_fails() throws Exception {
        byte[] signature = signer.sign(DATA);
        for (int bit = 0; bit < signature.length * 8; bit++) {
            byte[] flipped = signature.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(GeneralSecurityException.class, () -> verifier.verify(flipped, DATA), "bit " + bit);
        }
    }

    @Test
    void changedData_fails() throws Exception {
        byte[] signature = signer.sign(DATA);
        byte[] changed = DATA.clone();
        changed[0] ^= 0x01;
        assertThrows(GeneralSecurityException.class, () -> verifier.verify(signature, changed));
        assertThrows(GeneralSecurityException.class, () -> verifier.verify(signature, Arrays.copyOf(DATA, DATA.length + 1)));
    }

    @Test
    void wrongUserId_fails() throws Exception {
        byte[] signature = signer.sign(DATA);
        assertThrows(GeneralSecurityException.class,
                () -> new Sm2Verifier(keyPair.getPublic(), "1234567812345679".getBytes(US_ASCII)).verify(signature, DATA));
        // openssl's command-line default is the empty ID: the classic interoperability mistake.
        assertThrows(GeneralSecurityException.class,
                () -> new Sm2Verifier(keyPair.getPublic(), new byte[0]).verify(signature, DATA));
    }

    @Test
    void wrongKey_fails() throws Exception {
        byte[] signature = signer.sign(DATA);
        Sm2Verifier other = new Sm2Verifier(Sm2KeyPairs.generate().getPublic());
        assertThrows(GeneralSecurityException.class, () -> other.verify(signature, DATA));
    }

    @Test
    void truncatedSignature_fails() throws Exception {
        byte[] signature = signer.sign(DATA);
        for (int length = 0; length < signature.length; length++) {
            byte[] truncated = Arrays.copyOf(signature, length);
            assertThrows(SignatureException.class, () -> verifier.verify(truncated, DATA), "length " + length);
        }
        assertThrows(SignatureException.class, () -> verifier.verify(null, DATA));
    }

    @Test
    void notDer_fails() throws Exception {
        byte[] signature = signer.sign(DATA);
        BigInteger[] rs = DerSignature.decode(signature, N);
        byte[] r = unsigned(rs[0]);
        byte[] s = unsigned(rs[1]);
        byte[] rawRs = concat(r, s); // the "plain" r||s format some peers use: refused, not guessed

        assertMalformed(rawRs, "raw r||s");
        assertMalformed(concat(signature, new byte[] {0}), "trailing byte");
        assertMalformed(longFormLength(signature), "BER long-form length");
        assertMalformed(sequence(concat(integer(concat(new byte[] {0, 0}, r)), integer(s))), "non-minimal r");
        assertMalformed(sequence(concat(integer(new byte[] {(byte) 0x80}), integer(s))), "negative r");
        assertMalformed(sequence(concat(integer(r), new byte[] {0x04, 0x01, 0x01})), "s not an INTEGER");
        assertMalformed(sequence(integer(r)), "s missing");
        assertMalformed(concat(new byte[] {0x31}, Arrays.copyOfRange(signature, 1, signature.length)), "SET, not SEQUENCE");
        assertMalformed(new byte[72], "zeros");
    }

    @Test
    void outOfRangeValues_fail() throws Exception {
        BigInteger[] rs = DerSignature.decode(signer.sign(DATA), N);
        for (BigInteger bad : new BigInteger[] {BigInteger.ZERO, N, N.add(BigInteger.ONE), N.add(rs[0])}) {
            byte[] badR = sequence(concat(integer(signed(bad)), integer(signed(rs[1]))));
            byte[] badS = sequence(concat(integer(signed(rs[0])), integer(signed(bad))));
            // s + n and r + n are the classic malleability forms: same value mod n.
            assertThrows(SignatureException.class, () -> verifier.verify(badR, DATA), "r = " + bad.toString(16));
            assertThrows(SignatureException.class, () -> verifier.verify(badS, DATA), "s = " + bad.toString(16));
        }
    }

    @Test
    void randomMutations_failOnlyWithGeneralSecurityException() throws Exception {
        byte[] signature = signer.sign(DATA);
        Random random = new Random(20261123);
        for (int i = 0; i < 2_000; i++) {
            byte[] mutated = switch (i % 3) {
                case 0 -> randomBytes(random, random.nextInt(80));
                case 1 -> {
                    byte[] m = signature.clone();
                    m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                    yield m;
                }
                default -> Arrays.copyOf(signature, random.nextInt(signature.length * 2));
            };
            try {
                verifier.verify(mutated, DATA);
                if (!Arrays.equals(mutated, signature)) {
                    fail("accepted a changed signature: " + HexFormat.of().formatHex(mutated));
                }
            } catch (GeneralSecurityException expected) {
                // the one allowed failure path; anything unchecked escapes and fails the test
            }
        }
    }

    @Test
    void keyOnOtherCurve_isRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair p256 = generator.generateKeyPair();
        assertThrows(InvalidKeyException.class, () -> new Sm2Signer(p256.getPrivate()));
        assertThrows(InvalidKeyException.class, () -> new Sm2Verifier(p256.getPublic()));
        assertThrows(InvalidKeyException.class, () -> new Sm2Signer(null));
    }

    @Test
    void invalidUserId_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sm2Signer(keyPair.getPrivate(), null));
        assertThrows(IllegalArgumentException.class, () -> new Sm2Verifier(keyPair.getPublic(), new byte[8192]));
        assertDoesNotThrow(() -> new Sm2Verifier(keyPair.getPublic(), new byte[8191]));
    }

    @Test
    void userIdIsCopied() throws Exception {
        byte[] id = "1234567812345678".getBytes(US_ASCII);
        Sm2Signer mine = new Sm2Signer(keyPair.getPrivate(), id);
        id[0] = 'X';
        byte[] signature = mine.sign(DATA);
        assertDoesNotThrow(() -> verifier.verify(signature, DATA));
    }

    private static void assertMalformed(byte[] signature, String what) {
        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verify(signature, DATA), what);
        assertTrue(e.getMessage().startsWith("malformed"), what + ": " + e.getMessage());
    }

    static byte[] sequence(byte[] content) {
        return concat(new byte[] {0x30, (byte) content.length}, content);
    }

    static byte[] integer(byte[] content) {
        return concat(new byte[] {0x02, (byte) content.length}, content);
    }

    private static byte[] longFormLength(byte[] der) {
        return concat(new byte[] {0x30, (byte) 0x81, der[1]}, Arrays.copyOfRange(der, 2, der.length));
    }

    /** Minimal two's-complement bytes, as DER wants. */
    private static byte[] signed(BigInteger value) {
        return value.toByteArray();
    }

    /** Minimal unsigned bytes (no sign byte). */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
