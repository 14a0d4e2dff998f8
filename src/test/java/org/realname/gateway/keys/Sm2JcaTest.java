package org.realname.gateway.keys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;

import org.junit.jupiter.api.Test;

class Sm2JcaTest {

    @Test
    void signature_verifiesWithItsKey_onlyForTheSameData() throws Exception {
        KeyPair pair = Sm2Jca.generateKeyPair();
        byte[] sig = Sm2Jca.sign(pair.getPrivate(), "receipt".getBytes(UTF_8));

        assertTrue(Sm2Jca.verify(pair.getPublic(), "receipt".getBytes(UTF_8), sig));
        assertFalse(Sm2Jca.verify(pair.getPublic(), "receipT".getBytes(UTF_8), sig));
        assertFalse(Sm2Jca.verify(Sm2Jca.generateKeyPair().getPublic(), "receipt".getBytes(UTF_8), sig));
        assertFalse(Sm2Jca.verify(pair.getPublic(), "receipt".getBytes(UTF_8), new byte[] {0x30, 0x00}));
    }
}
