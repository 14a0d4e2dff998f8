package org.realname.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

class IdentityCipherTest {

    private static final String ID = "11010519491231002X";
    private static final String AAD = "verification_session:id_number:42";

    @TempDir
    Path dir;

    private IdentityCipher cipher() {
        return new IdentityCipher(new KeyStoreFile(TestKeysConfig.in(dir)));
    }

    @Test
    void sealThenOpen_returnsPlaintext() {
        IdentityCipher cipher = cipher();
        SealedValue sealed = cipher.seal("张三·李四", AAD);

        assertEquals("record-v1", sealed.keyId());
        assertEquals("张三·李四", cipher.open(sealed, AAD));
    }

    @Test
    void reopenedStore_opensWhatWasSealedBefore() {
        SealedValue sealed = cipher().seal(ID, AAD);

        IdentityCipher afterRestart = new IdentityCipher(new KeyStoreFile(TestKeysConfig.in(dir).withoutCreate()));

        assertEquals(ID, afterRestart.open(sealed, AAD));
    }

    @Test
    void otherKeyStore_cannotOpen(@TempDir Path otherDir) {
        SealedValue sealed = cipher().seal(ID, AAD);
        IdentityCipher other = new IdentityCipher(new KeyStoreFile(TestKeysConfig.in(otherDir)));

        assertInternalWithoutData(assertThrows(GatewayException.class, () -> other.open(sealed, AAD)));
    }

    @Test
    void twoEncryptionsDiffer() {
        IdentityCipher cipher = cipher();
        assertNotEquals(cipher.seal(ID, AAD), cipher.seal(ID, AAD));
    }

    @Test
    void decryptWithWrongAad_fails() {
        IdentityCipher cipher = cipher();
        SealedValue sealed = cipher.seal(ID, AAD);

        GatewayException e = assertThrows(GatewayException.class,
                () -> cipher.open(sealed, "verification_session:id_number:43"));
        assertInternalWithoutData(e);
    }

    @Test
    void corruptedCiphertext_fails() {
        IdentityCipher cipher = cipher();
        byte[] ciphertext = cipher.seal(ID, AAD).ciphertext();
        ciphertext[ciphertext.length - 1] ^= 0x01;

        assertInternalWithoutData(assertThrows(GatewayException.class,
                () -> cipher.open(new SealedValue("record-v1", ciphertext), AAD)));
    }

    @Test
    void truncated_fails() {
        IdentityCipher cipher = cipher();
        assertInternalWithoutData(assertThrows(GatewayException.class,
                () -> cipher.open(new SealedValue("record-v1", new byte[5]), AAD)));
    }

    @Test
    void unknownKeyId_fails() {
        IdentityCipher cipher = cipher();
        SealedValue sealed = cipher.seal(ID, AAD);

        assertInternalWithoutData(assertThrows(GatewayException.class,
                () -> cipher.open(new SealedValue("record-v9", sealed.ciphertext()), AAD)));
    }

    @Test
    void blankAad_isRefused() {
        IdentityCipher cipher = cipher();
        assertThrows(IllegalArgumentException.class, () -> cipher.seal(ID, " "));
        assertThrows(IllegalArgumentException.class, () -> cipher.seal(ID, null));
    }

    @Test
    void sealedValue_toStringShowsNoCiphertext() {
        SealedValue sealed = cipher().seal(ID, AAD);
        assertEquals("SealedValue[keyId=record-v1, " + (1 + 12 + ID.length() + 16) + " bytes]", sealed.toString());
    }

    private static void assertInternalWithoutData(GatewayException e) {
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertFalse(e.detail().contains(ID), e.detail());
        assertFalse(e.detail().contains("42"), e.detail());
        assertFalse(e.detail().contains("43"), e.detail());
    }
}
