package org.realname.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class KeyPurposeTest {

    @Test
    void keyIds_mapBackToTheirPurpose() {
        assertEquals("record-v1", KeyPurpose.RECORD_ENCRYPTION.activeKeyId());
        assertEquals("blind-index-v1", KeyPurpose.BLIND_INDEX.activeKeyId());
        assertEquals(Optional.of(KeyPurpose.RECORD_ENCRYPTION), KeyPurpose.ofKeyId("record-v12"));
        assertEquals(Optional.of(KeyPurpose.BLIND_INDEX), KeyPurpose.ofKeyId("blind-index-v1"));
    }

    @Test
    void foreignOrMalformedIds_matchNothing() {
        for (String id : new String[] {"record", "record-v", "record-v0", "record-v1x", "mykey", "blind-index-v-1"}) {
            assertEquals(Optional.empty(), KeyPurpose.ofKeyId(id), id);
        }
    }
}
