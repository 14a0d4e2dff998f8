package org.realname.gateway.crypto;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code openssl} 3 as an independent peer for the GM primitives. Inputs and
 * outputs go through files in a test's temporary folder, never through pipes, so a chatty
 * process cannot block on a full pipe buffer.
 */
final class Openssl {

    private static final long TIMEOUT_SECONDS = 30;

    private Openssl() {
    }

    /** The result of one run; {@code output} is stdout and stderr together. */
    record Result(int exitCode, String output) {
    }

    /**
     * Stops the calling test unless an openssl 3 is on the PATH. Under {@code CI=true} a missing
     * openssl is a failure, not a skip: CI installs it ({@code .ci/run}), and a silently skipped
     * cross-check would look like a passed one.
     */
    static void requireOpenssl3() {
        String problem = versionProblem();
        if (problem == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(problem + " (CI=true: the openssl cross-checks must run; install Debian's openssl package)");
        }
        assumeTrue(false, problem + ": openssl cross-checks skipped (they fail instead when CI=true)");
    }

    private static String versionProblem() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return "'openssl version' failed: " + version;
            }
            // 1.1.1 spells the SM2 ID option differently and has no provider model: require 3.x.
            return version.startsWith("OpenSSL 3.") ? null : "openssl 3 required, found '" + version + "'";
        } catch (IOException e) {
            return "openssl not found on the PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for openssl";
        }
    }

    /** Runs {@code openssl args...} in {@code dir}, failing the test on a non-zero exit. */
    static String run(Path dir, String... args) throws IOException, InterruptedException {
        Result result = tryRun(dir, args);
        if (result.exitCode() != 0) {
            fail("openssl " + String.join(" ", args) + " exited " + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }

    /** Runs {@code openssl args...} in {@code dir} and reports the exit code. */
    static Result tryRun(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "openssl", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("openssl " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8).strip());
    }

    /** PEM text of DER bytes, as openssl writes it. */
    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The DER bytes inside the one PEM block labelled {@code label}. */
    static byte[] der(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            fail("no PEM block '" + label + "'");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
}
