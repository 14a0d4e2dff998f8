package org.realname.gateway.consent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.realname.gateway.crypto.Sm3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The face-information rules in force, read from the configured file. The service refuses to
 * start without them: consent to unknown rules would be worthless.
 *
 * <p>A new version applies without a restart: every {@link #current()} compares the file's
 * modification time and size with those of the version loaded and reads it again when either
 * changed. A file that cannot be read or parsed (a deployment caught half-way) leaves the last
 * good version in force and is tried again on the next call; deploy by writing a temporary file
 * and renaming it over the old one.
 */
@ApplicationScoped
public class ConsentRules {

    private static final Logger LOG = Logger.getLogger(ConsentRules.class);

    /** The digest algorithm of {@link Rules#digest()}; stored with each consent record. */
    public static final String DIGEST_ALGORITHM = "SM3";

    private final Path file;
    private final ObjectMapper json;
    private volatile Loaded loaded;

    public ConsentRules(ConsentConfig config, ObjectMapper json) {
        this.file = config.rulesFile();
        this.json = json;
        Stamp stamp = stamp(file);
        this.loaded = new Loaded(load(file, json), stamp);
    }

    /** One version of the rules; {@code digest} is the SM3 hash (hex) of the exact texts shown. */
    public record Rules(String version, LocalDate effectiveDate, String textZh, String textEn, String digest) {

        /** Whether a consent form showed these rules. */
        public boolean matches(String shownVersion, String shownDigest) {
            return version.equals(shownVersion) && digest.equalsIgnoreCase(String.valueOf(shownDigest));
        }
    }

    private record Stamp(FileTime modified, long size) {
    }

    private record Loaded(Rules rules, Stamp stamp) {
    }

    /** The rules in force now, re-read first if the file changed since it was last read. */
    public Rules current() {
        Loaded l = loaded;
        Stamp now;
        try {
            now = stamp(file);
        } catch (IllegalStateException e) {
            LOG.warnf("The face-information rules file %s cannot be read; version %s stays in force", file, l.rules().version());
            return l.rules();
        }
        if (now.equals(l.stamp())) {
            return l.rules();
        }
        return reload(now);
    }

    private synchronized Rules reload(Stamp stamp) {
        Loaded l = loaded;
        if (stamp.equals(l.stamp())) {
            return l.rules();
        }
        try {
            Rules fresh = load(file, json);
            loaded = new Loaded(fresh, stamp);
            if (!fresh.digest().equals(l.rules().digest())) {
                LOG.infof("Face-information rules version %s (effective %s) now in force, replacing %s",
                        fresh.version(), fresh.effectiveDate(), l.rules().version());
            }
            return fresh;
        } catch (IllegalStateException e) {
            LOG.warnf("The face-information rules file %s changed but cannot be used (%s); version %s stays in force",
                    file, e.getCause() == null ? "?" : e.getCause().getClass().getSimpleName(), l.rules().version());
            return l.rules();
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

    static Rules load(Path file, ObjectMapper json) {
        try {
            JsonNode root = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
            String version = required(root, "version");
            if (!version.matches("[A-Za-z0-9._-]{1,32}")) {
                // It goes into the audit trail and a 32-character column.
                throw new IllegalArgumentException("version must be 1-32 characters of letters, digits and ._-");
            }
            LocalDate effective = LocalDate.parse(required(root, "effective_date"));
            String zh = required(root.path("text"), "zh");
            String en = required(root.path("text"), "en");
            return new Rules(version, effective, zh, en, digest(version, zh, en));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the face-information rules from " + file
                    + " (set gateway.consent.rules-file): " + e.getClass().getSimpleName(), e);
        }
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
