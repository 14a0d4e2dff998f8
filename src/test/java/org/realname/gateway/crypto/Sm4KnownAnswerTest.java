package org.realname.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * The SM4 block cipher under {@link Sm4GcmAead}, as BouncyCastle provides it, pinned to
 * GB/T 32907 appendix A (a wrong block cipher would also break the RFC 8998 GCM vector, but
 * this says which part is wrong).
 */
class Sm4KnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String KEY = "0123456789abcdeffedcba9876543210";

    @Test
    void standardBlock_matchesKnownAnswer() throws Exception {
        Cipher cipher = ecb();
        assertEquals("681edf34d206965e86b3e94f536e4246", HEX.formatHex(cipher.doFinal(HEX.parseHex(KEY))));
    }

    /** Appendix A example 2; about 0.2 s here, so it stays in the normal run. */
    @Test
    void standardBlockEncryptedOneMillionTimes_matchesKnownAnswer() throws Exception {
        Cipher cipher = ecb();
        byte[] block = HEX.parseHex(KEY);
        assertTimeout(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 1_000_000; i++) {
                cipher.update(block, 0, 16, block, 0); // ECB without padding: one block in, one out
            }
        });
        assertEquals("595298c7c6fd271f0402f804c33d3f66", HEX.formatHex(block));
    }

    private static Cipher ecb() throws Exception {
        Cipher cipher = GmProvider.cipher("SM4/ECB/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HEX.parseHex(KEY), "SM4"));
        return cipher;
    }
}
