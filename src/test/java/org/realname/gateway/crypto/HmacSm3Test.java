package org.realname.gateway.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class HmacSm3Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final String KEY_32 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    private static HmacSm3 mac(String hexKey) throws InvalidKeyException {
        return new HmacSm3(SecretBytes.copyFrom(HEX.parseHex(hexKey), SecretKeyAccess.rawKeyAccess()));
    }

    /** Computed with Debian's openssl 3.0 ({@code openssl dgst -sm3 -mac HMAC -macopt hexkey:...}). */
    @Test
    void fixedVector_matchesOpensslAnswer() throws Exception {
        assertEquals("a8f95cf26f204957e7ca73c9602a25dda35f168b28103b51dfc968c810416b63",
                HEX.formatHex(mac(KEY_32).computeMac("abc".getBytes(US_ASCII))));
        assertEquals("e9c6873c6124641c0f7cd833d77878cf3b7766a1dc8bde218c900ccd7f54d691",
                HEX.formatHex(mac("000102030405060708090a0b0c0d0e0f").computeMac(new byte[0])));
    }

    @Test
    void randomKeysAndData_matchOpensslNow() throws Exception {
        Openssl.requireOpenssl3(); // skips locally without openssl, fails under CI=true
        for (int keyLength : new int[] {16, 32, 64, 65, 100}) {
            SecretBytes key = SecretBytes.randomBytes(keyLength);
            byte[] data = SecretBytes.randomBytes(keyLength * 3).toByteArray(SecretKeyAccess.rawKeyAccess());
            String ours = HEX.formatHex(new HmacSm3(key).computeMac(data));
            String theirs = opensslHmacSm3(HEX.formatHex(key.toByteArray(SecretKeyAccess.rawKeyAccess())), data);
            assertEquals(theirs, ours, "key length " + keyLength);
        }
    }

    @Test
    void verifyMac_acceptsOwnTag() throws Exception {
        HmacSm3 mac = mac(KEY_32);
        byte[] data = "11010519491231002X".getBytes(US_ASCII);
        assertDoesNotThrow(() -> mac.verifyMac(mac.computeMac(data), data));
    }

    @Test
    void corruptedTag_fails() throws Exception {
        HmacSm3 mac = mac(KEY_32);
        byte[] data = "11010519491231002X".getBytes(US_ASCII);
        byte[] tag = mac.computeMac(data);
        tag[31] ^= 0x01;
        assertThrows(GeneralSecurityException.class, () -> mac.verifyMac(tag, data));
        assertThrows(GeneralSecurityException.class, () -> mac.verifyMac(new byte[0], data));
        assertThrows(GeneralSecurityException.class, () -> mac.verifyMac(null, data));
    }

    @Test
    void otherKey_givesOtherTag() throws Exception {
        byte[] data = "abc".getBytes(US_ASCII);
        byte[] a = new HmacSm3(SecretBytes.randomBytes(32)).computeMac(data);
        byte[] b = new HmacSm3(SecretBytes.randomBytes(32)).computeMac(data);
        assertEquals(HmacSm3.TAG_SIZE, a.length);
        assertThrows(AssertionError.class, () -> assertArrayEquals(a, b));
    }

    @Test
    void shortKey_isRefused() {
        assertThrows(InvalidKeyException.class, () -> new HmacSm3(SecretBytes.randomBytes(15)));
    }

    private static String opensslHmacSm3(String hexKey, byte[] data) throws Exception {
        Process p = new ProcessBuilder("openssl", "dgst", "-sm3", "-mac", "HMAC", "-macopt", "hexkey:" + hexKey).start();
        try (var in = p.getOutputStream()) {
            in.write(data);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(0, p.waitFor(), "openssl failed");
        return out.substring(out.lastIndexOf(' ') + 1); // "SM3(stdin)= <hex>"
    }
}
