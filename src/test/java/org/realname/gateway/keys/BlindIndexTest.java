package org.realname.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.realname.gateway.identity.IdNumber;

class BlindIndexTest {

    private static final IdNumber ID = IdNumber.parse("11010519491231002X");

    @TempDir
    Path dir;

    @Test
    void index_isLowerHexHmacSm3OfNormalisedNumber_perOpenssl() throws Exception {
        assumeTrue(opensslAvailable(), "openssl not installed");
        KeyStoreFile keys = new KeyStoreFile(TestKeysConfig.in(dir));
        String hexKey = HexFormat.of().formatHex(KeyStoreFileTest.rawSecret(TestKeysConfig.in(dir), "blind-index-v1"));

        String index = new BlindIndex(keys).of(ID);

        assertEquals(opensslHmacSm3(hexKey, "11010519491231002X"), index);
        assertTrue(index.matches("[0-9a-f]{64}"), index);
    }

    @Test
    void lowerCaseX_givesSameIndex() {
        BlindIndex index = new BlindIndex(new KeyStoreFile(TestKeysConfig.in(dir)));
        assertEquals(index.of(ID), index.of(IdNumber.parse(" 11010519491231002x ")));
    }

    @Test
    void differentNumbers_giveDifferentIndexes() {
        BlindIndex index = new BlindIndex(new KeyStoreFile(TestKeysConfig.in(dir)));
        String first17 = "11010519900307447";
        IdNumber other = IdNumber.parse(first17 + IdNumber.checkCharacter(first17));
        assertNotEquals(index.of(ID), index.of(other));
    }

    @Test
    void index_isStableAcrossRestart() {
        String before = new BlindIndex(new KeyStoreFile(TestKeysConfig.in(dir))).of(ID);
        String after = new BlindIndex(new KeyStoreFile(TestKeysConfig.in(dir).withoutCreate())).of(ID);
        assertEquals(before, after);
    }

    @Test
    void otherKeyStore_givesOtherIndex(@TempDir Path otherDir) {
        String mine = new BlindIndex(new KeyStoreFile(TestKeysConfig.in(dir))).of(ID);
        String theirs = new BlindIndex(new KeyStoreFile(TestKeysConfig.in(otherDir))).of(ID);
        assertNotEquals(mine, theirs);
    }

    @Test
    void keyId_isBlindIndexV1() {
        assertEquals("blind-index-v1", new BlindIndex(new KeyStoreFile(TestKeysConfig.in(dir))).keyId());
    }

    private static boolean opensslAvailable() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String opensslHmacSm3(String hexKey, String data) throws Exception {
        Process p = new ProcessBuilder("openssl", "dgst", "-sm3", "-mac", "HMAC", "-macopt", "hexkey:" + hexKey).start();
        try (var in = p.getOutputStream()) {
            in.write(data.getBytes(StandardCharsets.US_ASCII));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(0, p.waitFor(), "openssl failed");
        return out.substring(out.lastIndexOf(' ') + 1);
    }
}
