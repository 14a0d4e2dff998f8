package org.realname.gateway.consent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.realname.gateway.crypto.Sm3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The face-information rules, read from the configured file: the version in force today and the
 * next one announced. The service refuses to start without them: consent to unknown rules would
 * be worthless.
 *
 * <p>The file holds one version, or several under {@code versions}. A version applies from its
 * {@code effective_date} (the calendar date in China): until then the version before it stays in
 * force, so a change is announced by adding the new version beside the current one. The rules
 * shown, and digested, include the verification provider's name and what it receives when the
 * version names them ({@code provider}); a new provider is therefore a new version.
 *
 * <p>The file is re-read without a restart: every call compares its modification time and size
 * with those of the versions loaded. A file that cannot be read or parsed (a deployment caught
 * half-way) leaves the last good versions in force and is tried again on the next call; deploy by
 * writing a temporary file and renaming it over the old one.
 */
@ApplicationScoped
public class ConsentRules {

    private static final Logger LOG = Logger.getLogger(ConsentRules.class);

    /** The digest algorithm of {@link Rules#digest()}; stored with each consent record. */
    public static final String DIGEST_ALGORITHM = "SM3";

    private final Path file;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile Loaded loaded;

    @Inject
    public ConsentRules(ConsentConfig config, ObjectMapper json, Clock clock) {
        this.file = config.rulesFile();
        this.json = json;
        this.clock = clock;
        Stamp stamp = stamp(file);
        this.loaded = new Loaded(load(file, json), stamp);
    }

    /** Who verifies the face, and what of the person's data it receives; shown in both languages. */
    public record Provider(String nameZh, String nameEn, String receivesZh, String receivesEn) {

        String paragraphZh() {
            return "认证服务提供方：" + nameZh + "。提供方收到：" + receivesZh + "。";
        }

        String paragraphEn() {
            return "Verification provider: " + nameEn + ". The provider receives: " + receivesEn + ".";
        }
    }

    /**
     * One version of the rules. {@code textZh} and {@code textEn} are the exact texts shown (the
     * provider's paragraph included); {@code digest} is their SM3 hash (hex) with the version.
     * {@code changesZh}/{@code changesEn} say what changed from the version before; they explain,
     * they are not the rules, so they are not digested.
     */
    public record Rules(String version, LocalDate effectiveDate, String textZh, String textEn, String digest,
            Optional<Provider> provider, Optional<String> changesZh, Optional<String> changesEn) {

        public Rules(String version, LocalDate effectiveDate, String textZh, String textEn, String digest) {
            this(version, effectiveDate, textZh, textEn, digest, Optional.empty(), Optional.empty(), Optional.empty());
        }

        /** Whether a consent form showed these rules. */
        public boolean matches(String shownVersion, String shownDigest) {
            return version.equals(shownVersion) && digest.equalsIgnoreCase(String.valueOf(shownDigest));
        }

        /** The provider's name as recorded with a consent (Chinese, the language of record). */
        public Optional<String> providerName() {
            return provider.map(Provider::nameZh);
        }
    }

    private record Stamp(FileTime modified, long size) {
    }

    /** All versions of the file, oldest effective date first. */
    private record Loaded(List<Rules> versions, Stamp stamp) {
    }

    /** The rules in force today, re-reading the file first if it changed since it was last read. */
    public Rules current() {
        return inForce(fresh(), today());
    }

    /** The next version, when the file announces one that is not yet in force. */
    public Optional<Rules> upcoming() {
        List<Rules> all = fresh();
        LocalDate today = today();
        Rules inForce = inForce(all, today);
        return all.stream().filter(r -> r.effectiveDate().isAfter(today) && !r.equals(inForce)).findFirst();
    }

    /** Every version the file holds, oldest effective date first. */
    public List<Rules> versions() {
        return fresh();
    }

    /** A version the file still holds, for "what changed since you last consented". */
    public Optional<Rules> version(String version) {
        return fresh().stream().filter(r -> r.version().equals(version)).findFirst();
    }

    /**
     * The latest version whose effective date has come; when none has (a file that only holds a
     * future version), the earliest, since there are no other rules to show.
     */
    static Rules inForce(List<Rules> versions, LocalDate today) {
        Rules found = versions.get(0);
        for (Rules r : versions) {
            if (!r.effectiveDate().isAfter(today)) {
                found = r;
            }
        }
        return found;
    }

    private LocalDate today() {
        return clock.instant().atZone(MinorRules.CHINA).toLocalDate();
    }

    private List<Rules> fresh() {
        Loaded l = loaded;
        Stamp now;
        try {
            now = stamp(file);
        } catch (IllegalStateException e) {
            LOG.warnf("The face-information rules file %s cannot be read; the versions loaded stay", file);
            return l.versions();
        }
        if (now.equals(l.stamp())) {
            return l.versions();
        }
        return reload(now);
    }

    private synchronized List<Rules> reload(Stamp stamp) {
        Loaded l = loaded;
        if (stamp.equals(l.stamp())) {
            return l.versions();
        }
        try {
            List<Rules> fresh = load(file, json);
            loaded = new Loaded(fresh, stamp);
            LOG.infof("Face-information rules re-read: versions %s", fresh.stream().map(r -> r.version() + " (effective "
                    + r.effectiveDate() + ")").toList());
            return fresh;
        } catch (IllegalStateException e) {
            LOG.warnf("The face-information rules file %s changed but cannot be used (%s); the versions loaded stay",
                    file, e.getCause() == null ? "?" : e.getCause().getClass().getSimpleName());
            return l.versions();
        }
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.size());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the face-information rules from " + file
                    + " (set gateway.consent.rules-file): " + e.getClass().getSimpleName(), e);
        }
    }

    static List<Rules> load(Path file, ObjectMapper json) {
        try {
            JsonNode root = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
            List<Rules> versions = new ArrayList<>();
            if (root.has("versions")) {
                JsonNode all = root.get("versions");
                if (!all.isArray() || all.isEmpty()) {
                    throw new IllegalArgumentException("versions must be a non-empty array");
                }
                all.forEach(v -> versions.add(version(v)));
            } else {
                versions.add(version(root));
            }
            versions.sort(Comparator.comparing(Rules::effectiveDate));
            Set<String> ids = new HashSet<>();
            Set<LocalDate> dates = new HashSet<>();
            for (Rules r : versions) {
                if (!ids.add(r.version()) || !dates.add(r.effectiveDate())) {
                    throw new IllegalArgumentException("each version needs its own version id and effective date");
                }
            }
            return List.copyOf(versions);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the face-information rules from " + file
                    + " (set gateway.consent.rules-file): " + e.getClass().getSimpleName(), e);
        }
    }

    private static Rules version(JsonNode node) {
        String version = required(node, "version");
        if (!version.matches("[A-Za-z0-9._-]{1,32}")) {
            // It goes into the audit trail and a 32-character column.
            throw new IllegalArgumentException("version must be 1-32 characters of letters, digits and ._-");
        }
        LocalDate effective = LocalDate.parse(required(node, "effective_date"));
        String zh = required(node.path("text"), "zh");
        String en = required(node.path("text"), "en");
        Optional<Provider> provider = Optional.empty();
        if (node.has("provider")) {
            JsonNode p = node.get("provider");
            Provider named = new Provider(required(p.path("name"), "zh"), required(p.path("name"), "en"),
                    required(p.path("receives"), "zh"), required(p.path("receives"), "en"));
            if (named.nameZh().length() > 100) {
                // Recorded with each consent in a 100-character column.
                throw new IllegalArgumentException("provider.name.zh must be at most 100 characters");
            }
            provider = Optional.of(named);
            zh = zh + "\n\n" + named.paragraphZh();
            en = en + "\n\n" + named.paragraphEn();
        }
        Optional<String> changesZh = Optional.empty();
        Optional<String> changesEn = Optional.empty();
        if (node.has("changes")) {
            changesZh = Optional.of(required(node.get("changes"), "zh"));
            changesEn = Optional.of(required(node.get("changes"), "en"));
        }
        return new Rules(version, effective, zh, en, digest(version, zh, en), provider, changesZh, changesEn);
    }

    /** SM3 over version, Chinese text and English text, each UTF-8, separated by a zero byte. */
    static String digest(String version, String zh, String en) {
        byte[] v = version.getBytes(StandardCharsets.UTF_8);
        byte[] z = zh.getBytes(StandardCharsets.UTF_8);
        byte[] e = en.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[v.length + 1 + z.length + 1 + e.length];
        System.arraycopy(v, 0, all, 0, v.length);
        System.arraycopy(z, 0, all, v.length + 1, z.length);
        System.arraycopy(e, 0, all, v.length + 1 + z.length + 1, e.length);
        return HexFormat.of().formatHex(Sm3.digest(all));
    }

    private static String required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return v.asText();
    }
}
