package org.realname.gateway.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Known answers from GB/T 32905 appendix A (also in docs/shared gm-crypto.md). */
class Sm3Test {

    @Test
    void abc_matchesKnownAnswer() {
        assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
                HexFormat.of().formatHex(Sm3.digest("abc".getBytes(US_ASCII))));
    }

    @Test
    void abcdTimes16_matchesKnownAnswer() {
        assertEquals("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
                HexFormat.of().formatHex(Sm3.digest("abcd".repeat(16).getBytes(US_ASCII))));
    }

    @Test
    void digestHas32Bytes() {
        assertEquals(Sm3.DIGEST_SIZE, Sm3.digest(new byte[0]).length);
    }
}
