package org.realname.gateway.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a recipe the documentation tells people to copy as they would: its own file, a fresh JVM,
 * and on the class path only the jars the recipe names. The doc's code block must be the file,
 * character for character, so what is tested is what is read.
 */
public final class Recipes {

    /** The result of one run: its exit status, what it printed, and its error stream (JUL logs, traces). */
    record Run(int exit, String out, String err) {

        /** For failure messages. */
        String both() {
            return out + "\n--- stderr ---\n" + err;
        }
    }

    private Recipes() {
    }

    static Path file(String relative) {
        return Path.of(relative).toAbsolutePath();
    }

    /**
     * The fenced block that follows {@code <!-- recipe: path -->} in {@code doc} equals the file.
     */
    public static void assertDocShowsTheFile(String doc, String recipe) throws IOException {
        String text = Files.readString(Path.of(doc), StandardCharsets.UTF_8);
        String marker = "<!-- recipe: " + recipe + " -->";
        int at = text.indexOf(marker);
        assertTrue(at >= 0, doc + " has no marker " + marker);
        int open = text.indexOf("```", at);
        int bodyStart = text.indexOf('\n', open) + 1;
        int close = text.indexOf("\n```", bodyStart);
        String shown = text.substring(bodyStart, close + 1);
        assertEquals(Files.readString(Path.of(recipe), StandardCharsets.UTF_8), shown,
                doc + " must show " + recipe + " exactly (copy the file into the block)");
    }

    /**
     * The jars of this build's class path named {@code <artifact>-<version>.jar} for one of
     * {@code artifacts} ({@code bcprov-jdk18on}, say): the versions the gateway itself is built
     * with. The version must follow the name, so {@code commons} (org.openeuler) is not
     * {@code commons-codec}.
     */
    static List<String> jars(String... artifacts) {
        List<String> found = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> Arrays.stream(artifacts).anyMatch(a -> Path.of(p).getFileName().toString().matches(
                        java.util.regex.Pattern.quote(a) + "-[0-9][^/]*\\.jar")))
                .collect(Collectors.toList());
        assertEquals(artifacts.length, found.size(), "one jar each of " + Arrays.toString(artifacts) + ": " + found);
        return found;
    }

    /** {@code java -cp <jars> <source file> <args>} in a new process (Java's source-file mode). */
    static Run runJava(List<String> classPath, Path source, String... args) throws IOException, InterruptedException {
        return runJava(List.of(), classPath, source, args);
    }

    /** The same with JVM options before the class path ({@code --add-exports}, say). */
    static Run runJava(List<String> jvmOptions, List<String> classPath, Path source, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (!classPath.isEmpty()) {
            command.add("-cp");
            command.add(String.join(File.pathSeparator, classPath));
        }
        command.add(source.toString());
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command));
    }

    /** Runs {@code process} to its end (at most 120 s) and collects what it printed. */
    static Run run(ProcessBuilder process) throws IOException, InterruptedException {
        Path err = Files.createTempFile("recipe-", ".err");
        try {
            Process p = process.redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the recipe did not finish in 120 s");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
