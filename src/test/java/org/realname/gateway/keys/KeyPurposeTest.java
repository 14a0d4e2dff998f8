package org.realname.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class KeyPurposeTest {

    @Test
    void keyIds_mapBackToTheirPurposeAndVersion() {
        assertEquals("kek-v2", KeyPurpose.KEY_ENCRYPTION.keyId(2));
        assertEquals("sign-v1", KeyPurpose.SIGNING.keyId(1));
        assertEquals(Optional.of(KeyPurpose.KEY_ENCRYPTION), KeyPurpose.ofKeyId("kek-v12"));
        assertEquals(Optional.of(KeyPurpose.BLIND_INDEX), KeyPurpose.ofKeyId("blind-index-v1"));
        assertEquals(Optional.of(KeyPurpose.SIGNING), KeyPurpose.ofKeyId("sign-v3"));
        assertEquals(12, KeyPurpose.KEY_ENCRYPTION.version("kek-v12"));
    }

    @Test
    void foreignOrMalformedIds_matchNothing() {
        for (String id : new String[] {"kek", "kek-v", "kek-v0", "kek-v1x", "mykey", "blind-index-v-1", "record-v1", "dek-v1"}) {
            assertEquals(Optional.empty(), KeyPurpose.ofKeyId(id), id);
        }
    }

    @Test
    void versionOfAnotherPurposesId_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyPurpose.SIGNING.version("kek-v1"));
    }
}
