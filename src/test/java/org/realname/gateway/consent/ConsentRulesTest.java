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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.realname.gateway.crypto.Sm3;

import com.fasterxml.jackson.databind.ObjectMapper;

class ConsentRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    record Config(Path rulesFile) implements ConsentConfig {
        @Override
        public String announceInterval() {
            return "off";
        }
    }

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
        return new ConsentRules(new Config(file), JSON, Clock.fixed(Instant.parse("2027-03-01T00:00:00Z"), ZoneOffset.UTC));
    }

    static String version(String version, String effective, String zh, String extra) {
        return "{\"version\":\"" + version + "\",\"effective_date\":\"" + effective + "\",\"text\":{\"zh\":\"" + zh
                + "\",\"en\":\"Rules " + version + "\"}" + extra + "}";
    }

    static String versions(String... versions) {
        return "{\"versions\":[" + String.join(",", versions) + "]}";
    }

    ConsentRules at(Path file, String instant) {
        return new ConsentRules(new Config(file), JSON, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void aLaterVersion_waitsForItsEffectiveDate_inChina_andIsServedAsUpcoming() throws IOException {
        Path file = dir.resolve("rules.json");
        write(file, versions(version("v2", "2027-02-01", "规则二", ""), version("v1", "2027-01-01", "规则一", "")),
                Instant.parse("2027-01-01T00:00:00Z"));
        // 2027-01-31 23:59 in China: v1 still; v2 announced.
        ConsentRules before = at(file, "2027-01-31T15:59:00Z");
        assertEquals("v1", before.current().version());
        assertEquals("v2", before.upcoming().orElseThrow().version());
        assertEquals(List.of("v1", "v2"), before.versions().stream().map(ConsentRules.Rules::version).toList());
        // 2027-02-01 00:00 in China (still 31 January in UTC): v2 applies, nothing announced.
        ConsentRules after = at(file, "2027-01-31T16:00:00Z");
        assertEquals("v2", after.current().version());
        assertEquals(Optional.empty(), after.upcoming());
        assertEquals(ConsentRules.digest("v2", "规则二", "Rules v2"), after.current().digest());
    }

    @Test
    void aFileWithOnlyAFutureVersion_showsIt_sinceThereAreNoOtherRules() throws IOException {
        Path file = dir.resolve("rules.json");
        write(file, version("v9", "2099-01-01", "规则九", ""), Instant.parse("2027-01-01T00:00:00Z"));
        ConsentRules r = at(file, "2027-01-01T00:00:00Z");
        assertEquals("v9", r.current().version());
        assertEquals(Optional.empty(), r.upcoming());
    }

    @Test
    void theProvider_isNamedInTheShownText_andTheDigestCoversIt() throws IOException {
        Path file = dir.resolve("rules.json");
        String provider = ",\"provider\":{\"name\":{\"zh\":\"某认证公司\",\"en\":\"Some Verifier Ltd\"},"
                + "\"receives\":{\"zh\":\"姓名、身份证号码、人脸图像\",\"en\":\"name, ID number, face capture\"}}"
                + ",\"changes\":{\"zh\":\"写明提供方\",\"en\":\"Provider named\"}";
        write(file, version("v1", "2027-01-01", "规则一", provider), Instant.parse("2027-01-01T00:00:00Z"));
        ConsentRules.Rules r = at(file, "2027-01-02T00:00:00Z").current();
        assertEquals("规则一\n\n认证服务提供方：某认证公司。提供方收到：姓名、身份证号码、人脸图像。", r.textZh());
        assertEquals("Rules v1\n\nVerification provider: Some Verifier Ltd. The provider receives: name, ID number, face capture.",
                r.textEn());
        assertEquals(ConsentRules.digest("v1", r.textZh(), r.textEn()), r.digest());
        assertFalse(r.digest().equals(ConsentRules.digest("v1", "规则一", "Rules v1")), "naming the provider changes the digest");
        assertEquals(Optional.of("某认证公司"), r.providerName());
        assertEquals(Optional.of("写明提供方"), r.changesZh());
    }

    @Test
    void twoVersionsWithOneIdOrOneDate_areRefused() throws IOException {
        Path file = dir.resolve("rules.json");
        write(file, versions(version("v1", "2027-01-01", "一", ""), version("v1", "2027-02-01", "二", "")),
                Instant.parse("2027-01-01T00:00:00Z"));
        assertThrows(IllegalStateException.class, () -> at(file, "2027-03-01T00:00:00Z"));
        write(file, versions(version("v1", "2027-01-01", "一", ""), version("v2", "2027-01-01", "二", "")),
                Instant.parse("2027-01-01T00:00:01Z"));
        assertThrows(IllegalStateException.class, () -> at(file, "2027-03-01T00:00:00Z"));
        write(file, "{\"versions\":[]}", Instant.parse("2027-01-01T00:00:02Z"));
        assertThrows(IllegalStateException.class, () -> at(file, "2027-03-01T00:00:00Z"));
    }

    @Test
    void production_needsTheProviderNamed_inTheVersionInForceAndThoseAfter() {
        ConsentRules.Rules unnamed = new ConsentRules.Rules("v1", LocalDate.of(2027, 1, 1), "z", "e", "d");
        assertEquals(1, RulesStartupGuard.check(List.of("prod"), List.of(unnamed)).size());
        assertTrue(RulesStartupGuard.check(List.of("dev"), List.of(unnamed)).isEmpty());
        ConsentRules.Rules named = new ConsentRules.Rules("v2", LocalDate.of(2027, 2, 1), "z", "e", "d",
                Optional.of(new ConsentRules.Provider("甲", "A", "乙", "B")), Optional.empty(), Optional.empty());
        assertTrue(RulesStartupGuard.check(List.of("prod"), List.of(named)).isEmpty());
    }

    @Test
    void theShippedRules_nameTheProvider_inTheVersionInForce() {
        ConsentRules r = rulesFrom(Path.of("config/face-rules.json"));
        assertTrue(r.current().provider().isPresent(), "version " + r.current().version());
        assertTrue(r.current().textZh().contains("认证服务提供方："));
        assertTrue(RulesStartupGuard.check(List.of("prod"), List.of(r.current())).isEmpty());
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
