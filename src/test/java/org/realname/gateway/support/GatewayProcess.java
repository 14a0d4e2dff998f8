package org.realname.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged gateway ({@code java … -jar quarkus-run.jar}) run as its own process in a working
 * directory of its own, with the environment a service manager would give it. Its ports are bound
 * by the process itself ({@code quarkus.http.port=0}, {@code quarkus.http.ssl-port=0}) and read
 * back from Quarkus's "Listening on" line: nothing reserves a port and hands it over, which is
 * flaky while other connections take ephemeral ports.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile(
            "Listening on: http://[^ ]+:(\\d+)(?: and https://[^ ]+:(\\d+))?");
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;
    private final OptionalInt httpsPort;
    /** The non-application root ({@code /q} under {@code quarkus.http.root-path}). */
    private final String managementRoot;

    private GatewayProcess(String name, Process process, Path log, int httpPort, OptionalInt httpsPort, String rootPath) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.managementRoot = rootPath.replaceAll("/+$", "") + "/q";
    }

    /**
     * Starts {@code command} (java and its arguments, as an operator types it) in {@code workDir}
     * with {@code env} added to this JVM's environment, and waits until {@code /q/health/ready}
     * answers 200 on the plain HTTP port.
     *
     * @param rootPath {@code quarkus.http.root-path} of the process ("/" when unset)
     */
    public static GatewayProcess start(String name, List<String> command, Path workDir, Map<String, String> env,
            String rootPath, Path log, Duration readyWithin) throws IOException, InterruptedException {
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        Instant end = Instant.now().plus(readyWithin);
        try {
            Matcher listening = awaitListening(name, process, log, end);
            GatewayProcess started = new GatewayProcess(name, process, log, Integer.parseInt(listening.group(1)),
                    listening.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(listening.group(2))),
                    rootPath);
            started.awaitReady(end);
            return started;
        } catch (RuntimeException | IOException | InterruptedException e) {
            stop(process);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The HTTPS port, when the process opened one. */
    public int httpsPort() {
        return httpsPort.orElseThrow(() -> new IllegalStateException(name + " opened no HTTPS port; see " + log));
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (a normal stop: Quarkus shuts down), then SIGKILL after 30 s. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Matcher awaitListening(String name, Process process, Path log, Instant end)
            throws IOException, InterruptedException {
        while (Instant.now().isBefore(end)) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start (code " + process.exitValue() + "); see " + log
                        + "\n" + tail(text));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not start listening in time; see " + log);
    }

    private void awaitReady(Instant end) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = baseUri().resolve(managementRoot + "/health/ready");
        int last = -1;
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start; see " + log + "\n" + tail(logText()));
            }
            try {
                last = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == 200) {
                    return;
                }
            } catch (IOException e) {
                // Still starting.
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " was not ready in time (last answer " + last + "); see " + log);
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 25), lines.length));
    }
}
