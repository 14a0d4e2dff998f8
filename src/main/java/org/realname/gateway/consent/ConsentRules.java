package org.realname.gateway.consent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The face-information rules in force, read once at start from the configured file. The
 * service refuses to start without them: consent to unknown rules would be worthless.
 */
@ApplicationScoped
public class ConsentRules {

    private final Rules rules;

    public ConsentRules(ConsentConfig config, ObjectMapper json) {
        this.rules = load(config, json);
    }

    /** One version of the rules; {@code digest} is the SHA-256 of the exact texts shown. */
    public record Rules(String version, LocalDate effectiveDate, String textZh, String textEn, String digest) {
    }

    public Rules current() {
        return rules;
    }

    static Rules load(ConsentConfig config, ObjectMapper json) {
        try {
            JsonNode root = json.readTree(Files.readString(config.rulesFile(), StandardCharsets.UTF_8));
            String version = required(root, "version");
            LocalDate effective = LocalDate.parse(required(root, "effective_date"));
            String zh = required(root.path("text"), "zh");
            String en = required(root.path("text"), "en");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(version.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(zh.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(en.getBytes(StandardCharsets.UTF_8));
            return new Rules(version, effective, zh, en, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot read the face-information rules from " + config.rulesFile()
                    + " (set gateway.consent.rules-file): " + e.getClass().getSimpleName(), e);
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return v.asText();
    }
}
