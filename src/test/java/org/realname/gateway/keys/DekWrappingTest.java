package org.realname.gateway.keys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;

import org.junit.jupiter.api.Test;
import org.realname.gateway.crypto.Aead;
import org.realname.gateway.crypto.SecretBytes;
import org.realname.gateway.crypto.Sm4GcmAead;

class DekWrappingTest {

    private final Aead kek1 = kek();
    private final Aead kek2 = kek();
    private final SecretBytes dek = DekWrapping.newDek();

    private static Aead kek() {
        try {
            return new Sm4GcmAead(SecretBytes.randomBytes(16));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wrapThenUnwrap_givesTheSameDek_andTheDekSealsAndOpens() throws Exception {
        byte[] wrapped = DekWrapping.wrap(kek1, "kek-v1", "acct-1", dek);

        SecretBytes back = DekWrapping.unwrap(kek1, "kek-v1", "acct-1", wrapped);

        assertTrue(back.equalsSecretBytes(dek));
        assertEquals(1 + 12 + 16 + 16, wrapped.length, "the Sm4GcmAead layout around 16 key bytes");
        byte[] aad = "verification_result:name:r1".getBytes(UTF_8);
        byte[] ct = DekWrapping.aead(dek).encrypt("张三".getBytes(UTF_8), aad);
        assertArrayEquals("张三".getBytes(UTF_8), DekWrapping.aead(back).decrypt(ct, aad));
    }

    @Test
    void tamperedWrappedDek_failsClosed() throws Exception {
        byte[] wrapped = DekWrapping.wrap(kek1, "kek-v1", "acct-1", dek);
        for (int i = 0; i < wrapped.length; i++) {
            byte[] changed = wrapped.clone();
            changed[i] ^= 0x01;
            assertThrows(GeneralSecurityException.class, () -> DekWrapping.unwrap(kek1, "kek-v1", "acct-1", changed), "byte " + i);
        }
        byte[] truncated = java.util.Arrays.copyOf(wrapped, wrapped.length - 1);
        assertThrows(GeneralSecurityException.class, () -> DekWrapping.unwrap(kek1, "kek-v1", "acct-1", truncated));
    }

    @Test
    void wrappedDekOfAnotherAccount_failsClosed() throws Exception {
        byte[] wrapped = DekWrapping.wrap(kek1, "kek-v1", "acct-1", dek);
        assertThrows(GeneralSecurityException.class, () -> DekWrapping.unwrap(kek1, "kek-v1", "acct-2", wrapped));
    }

    @Test
    void relabelledKekId_failsClosed() throws Exception {
        byte[] wrapped = DekWrapping.wrap(kek1, "kek-v1", "acct-1", dek);
        assertThrows(GeneralSecurityException.class, () -> DekWrapping.unwrap(kek1, "kek-v2", "acct-1", wrapped));
    }

    @Test
    void wrongKek_failsClosed() throws Exception {
        byte[] wrapped = DekWrapping.wrap(kek1, "kek-v1", "acct-1", dek);
        assertThrows(GeneralSecurityException.class, () -> DekWrapping.unwrap(kek2, "kek-v1", "acct-1", wrapped));
    }

    @Test
    void wrappedValueOfWrongLength_isNotAcceptedAsADek() throws Exception {
        byte[] notAKey = kek1.encrypt(new byte[15], DekWrapping.associatedData("acct-1", "kek-v1"));
        assertThrows(GeneralSecurityException.class, () -> DekWrapping.unwrap(kek1, "kek-v1", "acct-1", notAKey));
    }

    @Test
    void associatedData_isAccountKeyAccountIdKekId() {
        assertArrayEquals("account_key:acct-1:kek-v3".getBytes(UTF_8), DekWrapping.associatedData("acct-1", "kek-v3"));
    }
}
