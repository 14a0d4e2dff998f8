package org.realname.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretBytesTest {

    @Test
    void toString_showsOnlyTheLength() {
        byte[] raw = {0x41, 0x42, 0x43, 0x44};
        SecretBytes secret = SecretBytes.copyFrom(raw, SecretKeyAccess.rawKeyAccess());
        assertEquals("SecretBytes[4 bytes]", secret.toString());
    }

    @Test
    void copies_inAndOut() {
        byte[] raw = {1, 2, 3};
        SecretBytes secret = SecretBytes.copyFrom(raw, SecretKeyAccess.rawKeyAccess());
        raw[0] = 9;
        byte[] out = secret.toByteArray(SecretKeyAccess.rawKeyAccess());
        out[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, secret.toByteArray(SecretKeyAccess.rawKeyAccess()));
    }

    @Test
    void withoutAccessToken_fails() {
        SecretBytes secret = SecretBytes.randomBytes(16);
        assertThrows(NullPointerException.class, () -> secret.toByteArray(null));
        assertThrows(NullPointerException.class, () -> SecretBytes.copyFrom(new byte[1], null));
    }

    @Test
    void equalsSecretBytes_comparesContent() {
        SecretBytes a = SecretBytes.copyFrom(new byte[] {1, 2}, SecretKeyAccess.rawKeyAccess());
        assertTrue(a.equalsSecretBytes(SecretBytes.copyFrom(new byte[] {1, 2}, SecretKeyAccess.rawKeyAccess())));
        assertFalse(a.equalsSecretBytes(SecretBytes.copyFrom(new byte[] {1, 3}, SecretKeyAccess.rawKeyAccess())));
        assertFalse(SecretBytes.randomBytes(16).equalsSecretBytes(SecretBytes.randomBytes(16)));
    }
}
