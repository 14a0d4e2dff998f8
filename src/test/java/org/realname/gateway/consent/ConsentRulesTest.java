package org.realname.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.realname.gateway.crypto.Sm3;

import com.fasterxml.jackson.databind.ObjectMapper;

class ConsentRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String rules(String version, String zh) {
        return "{\"version\":\"" + version + "\",\"effective_date\":\"2027-01-01\",\"text\":{\"zh\":\"" + zh
                + "\",\"en\":\"Rules " + version + "\"}}";
    }

    static void write(Path file, String content, Instant modified) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    ConsentRules rulesFrom(Path file) {
        return new ConsentRules(() -> file, JSON);
    }

    @Test
    void digest_isSm3_ofVersionAndBothTexts_zeroSeparated() throws IOException {
        Path file = dir.resolve("rules.json");
        write(file, rules("v1", "规则一"), Instant.parse("2027-01-01T00:00:00Z"));
        ConsentRules.Rules r = rulesFrom(file).current();
        byte[] expected = Sm3.digest("v1\u0000规则一\u0000Rules v1".getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(expected), r.digest());
        assertEquals(64, r.digest().length());
    }

    @Test
    void theShippedRules_loadWithAnSm3Digest() {
        ConsentRules.Rules r = rulesFrom(Path.of("config/face-rules.json")).current();
        assertEquals(ConsentRules.digest(r.version(), r.textZh(), r.textEn()), r.digest());
        assertTrue(r.matches(r.version(), r.digest().toUpperCase()));
        assertFalse(r.matches(r.version(), null));
        assertFalse(r.matches("other", r.digest()));
    }

    @Test
    void aChangedFile_isPickedUpWithoutARestart() throws IOException {
        Path file = dir.resolve("rules.json");
        write(file, rules("v1", "规则一"), Instant.parse("2027-01-01T00:00:00Z"));
        ConsentRules rules = rulesFrom(file);
        String first = rules.current().digest();

        // Same size, only the time differs: a new version must still be seen.
        write(file, rules("v2", "规则二"), Instant.parse("2027-01-01T00:00:05Z"));

        assertEquals("v2", rules.current().version());
        assertFalse(first.equals(rules.current().digest()));
    }

    @Test
    void aBrokenNewFile_keepsTheLastGoodVersion_untilItIsFixed() throws IOException {
        Path file = dir.resolve("rules.json");
        write(file, rules("v1", "规则一"), Instant.parse("2027-01-01T00:00:00Z"));
        ConsentRules rules = rulesFrom(file);

        write(file, "{\"version\":", Instant.parse("2027-01-01T00:00:05Z"));
        assertEquals("v1", rules.current().version());

        write(file, rules("v3", "规则三"), Instant.parse("2027-01-01T00:00:09Z"));
        assertEquals("v3", rules.current().version());
    }

    @Test
    void aMissingOrInvalidFile_refusesToStart() throws IOException {
        assertThrows(IllegalStateException.class, () -> rulesFrom(dir.resolve("missing.json")));
        Path file = dir.resolve("rules.json");
        write(file, rules("bad version!", "规则"), Instant.parse("2027-01-01T00:00:00Z"));
        assertThrows(IllegalStateException.class, () -> rulesFrom(file));
    }
}
