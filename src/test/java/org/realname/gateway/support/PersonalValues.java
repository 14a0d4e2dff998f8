package org.realname.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every name and ID number the tests hand to the gateway, so that the suite-wide scan knows what
 * to look for. Kept in a file, not in memory: tests under another profile run in another class
 * loader, and the scan must see their values too.
 */
public final class PersonalValues {

    /** One file per test JVM, so values of an earlier run never count. */
    static final Path FILE = Path.of("target/test-personal-values-" + ProcessHandle.current().pid() + ".txt");

    private PersonalValues() {
    }

    public static synchronized void remember(Object value) {
        if (!(value instanceof String s) || s.isBlank() || s.contains("\n")) {
            return;
        }
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, s.strip() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized Set<String> all() {
        try {
            return Files.exists(FILE) ? new LinkedHashSet<>(Files.readAllLines(FILE, StandardCharsets.UTF_8)) : Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Values too short to search for without false hits (a one-letter test name) are left out. */
    public static List<String> searchable() {
        return all().stream().filter(v -> v.codePointCount(0, v.length()) >= 2).filter(v -> v.length() >= 3 || v
                .codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)).toList();
    }
}
