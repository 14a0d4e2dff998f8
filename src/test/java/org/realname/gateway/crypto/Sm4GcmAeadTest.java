package org.realname.gateway.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class Sm4GcmAeadTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] AAD = "identity:id_number:42".getBytes(UTF_8);
    private static final byte[] PLAINTEXT = "11010519491231002X".getBytes(UTF_8);

    private final Sm4GcmAead aead = new Sm4GcmAead(SecretBytes.randomBytes(16));

    Sm4GcmAeadTest() throws InvalidKeyException {
    }

    /** RFC 8998 appendix A.1. */
    @Test
    void rfc8998VectorA1_matchesKnownAnswer() throws Exception {
        Sm4GcmAead kat = new Sm4GcmAead(SecretBytes.copyFrom(
                HEX.parseHex("0123456789ABCDEFFEDCBA9876543210"), SecretKeyAccess.rawKeyAccess()));
        byte[] nonce = HEX.parseHex("00001234567800000000ABCD");
        byte[] aad = HEX.parseHex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        byte[] plaintext = HEX.parseHex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
                + "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");

        String sealed = HEX.formatHex(kat.encryptWithNonce(nonce, plaintext, aad));

        assertEquals("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
                + "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
                + "83DE3541E4C2B58177E065A9BF7B62EC", sealed);
        // The same vector through the public decrypt, framed in our wire format.
        byte[] framed = HEX.parseHex("01" + HEX.formatHex(nonce) + sealed);
        assertArrayEquals(plaintext, kat.decrypt(framed, aad));
    }

    @Test
    void roundTrip_returnsPlaintext() throws Exception {
        assertArrayEquals(PLAINTEXT, aead.decrypt(aead.encrypt(PLAINTEXT, AAD), AAD));
    }

    @Test
    void emptyPlaintext_roundTripsAtMinimumLength() throws Exception {
        byte[] ciphertext = aead.encrypt(new byte[0], AAD);
        assertEquals(Sm4GcmAead.MIN_CIPHERTEXT_SIZE, ciphertext.length);
        assertArrayEquals(new byte[0], aead.decrypt(ciphertext, AAD));
    }

    @Test
    void ciphertextLayout_isVersionNonceCiphertextTag() throws Exception {
        byte[] ciphertext = aead.encrypt(PLAINTEXT, AAD);
        assertEquals(0x01, ciphertext[0]);
        assertEquals(1 + 12 + PLAINTEXT.length + 16, ciphertext.length);
    }

    @Test
    void twoEncryptionsDiffer() throws Exception {
        byte[] first = aead.encrypt(PLAINTEXT, AAD);
        byte[] second = aead.encrypt(PLAINTEXT, AAD);
        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 1, 13), Arrays.copyOfRange(second, 1, 13)),
                "nonces must differ");
    }

    @Test
    void corruptedCiphertext_fails() throws Exception {
        byte[] ciphertext = aead.encrypt(PLAINTEXT, AAD);
        // Every byte after the version: nonce, ciphertext body and tag are all authenticated.
        for (int i = 1; i < ciphertext.length; i++) {
            byte[] corrupted = ciphertext.clone();
            corrupted[i] ^= 0x01;
            assertThrows(GeneralSecurityException.class, () -> aead.decrypt(corrupted, AAD), "byte " + i);
        }
    }

    @Test
    void decryptWithWrongAad_fails() throws Exception {
        byte[] ciphertext = aead.encrypt(PLAINTEXT, AAD);
        assertThrows(GeneralSecurityException.class,
                () -> aead.decrypt(ciphertext, "identity:id_number:43".getBytes(UTF_8)));
    }

    @Test
    void decryptWithOtherKey_fails() throws Exception {
        byte[] ciphertext = aead.encrypt(PLAINTEXT, AAD);
        Sm4GcmAead other = new Sm4GcmAead(SecretBytes.randomBytes(16));
        assertThrows(GeneralSecurityException.class, () -> other.decrypt(ciphertext, AAD));
    }

    @Test
    void truncated_fails() throws Exception {
        byte[] ciphertext = aead.encrypt(PLAINTEXT, AAD);
        for (int length : new int[] {0, 1, 13, Sm4GcmAead.MIN_CIPHERTEXT_SIZE - 1, ciphertext.length - 1}) {
            byte[] truncated = Arrays.copyOf(ciphertext, length);
            assertThrows(GeneralSecurityException.class, () -> aead.decrypt(truncated, AAD), "length " + length);
        }
    }

    @Test
    void wrongVersion_fails() throws Exception {
        byte[] ciphertext = aead.encrypt(PLAINTEXT, AAD);
        for (byte version : new byte[] {0x00, 0x02, (byte) 0xFF}) {
            ciphertext[0] = version;
            GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> aead.decrypt(ciphertext, AAD));
            assertEquals("unknown ciphertext format version", e.getMessage());
        }
    }

    @Test
    void missingAad_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> aead.encrypt(PLAINTEXT, null));
        assertThrows(IllegalArgumentException.class, () -> aead.encrypt(PLAINTEXT, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> aead.decrypt(new byte[40], new byte[0]));
    }

    @Test
    void wrongKeySize_isRefused() {
        assertThrows(InvalidKeyException.class, () -> new Sm4GcmAead(SecretBytes.randomBytes(32)));
        assertThrows(InvalidKeyException.class, () -> new Sm4GcmAead(SecretBytes.randomBytes(15)));
    }
}
