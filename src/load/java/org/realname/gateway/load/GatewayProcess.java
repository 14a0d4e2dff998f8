package org.realname.gateway.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway as a separate process, started the way {@code support/PackagedGateway}
 * starts it for the integration tests: a non-production profile (sandbox and development token
 * issuer on), PostgreSQL chosen at run time, plain HTTP only.
 */
final class GatewayProcess implements AutoCloseable {

    /** BGMProvider's {@code --add-opens}; the jar's manifest carries the {@code Add-Exports} (docs/gm-tls.md). */
    private static final List<String> BGM_OPENS = List.of(
            "--add-opens=java.base/sun.security.util=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.x509=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.pkcs12=ALL-UNNAMED");

    final String name;
    final int port;
    final Path dataDir;
    private final Process process;

    private GatewayProcess(String name, int port, Path dataDir, Process process) {
        this.name = name;
        this.port = port;
        this.dataDir = dataDir;
        this.process = process;
    }

    /** {@code http://127.0.0.1:port}: an address literal, so no client tries ::1 first. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU time the process has used so far (Linux: utime + stime of /proc/pid/stat). */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("The OS does not report the gateway's CPU time"));
    }

    /**
     * Starts the jar and waits until {@code /q/health/ready} answers 200.
     *
     * @param port       its HTTP port ({@link #freePort()})
     * @param properties settings beyond the common ones (database, limits, provider...)
     */
    static GatewayProcess start(String name, int port, LoadSettings settings, String jdbcUrl,
            Map<String, String> properties) throws IOException, InterruptedException {
        Path dataDir = Files.createDirectories(settings.out().resolve(name + "-data"));
        Path log = settings.out().resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(BGM_OPENS);
        cmd.add("-Dquarkus.profile=load");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dgateway.tls.enabled=false");
        cmd.add("-Dquarkus.datasource.db-kind=postgresql");
        cmd.add("-Dquarkus.datasource.jdbc.url=" + jdbcUrl);
        cmd.add("-Dquarkus.datasource.username=postgres");
        cmd.add("-Dquarkus.datasource.password=postgres");
        cmd.add("-Dgateway.data-dir=" + dataDir);
        cmd.add("-Dgateway.public-base-url=http://127.0.0.1:" + port);
        cmd.add("-Dgateway.consent.rules-file=" + settings.root().resolve("config/face-rules.json"));
        // Attempt limits off (0 = unlimited): every journey comes from 127.0.0.1, and one address
        // capped at 20 a day would stop the run. (Before issue 12 the limiter still locked and
        // recorded its subjects with limits off; now a scope that is off costs nothing.)
        for (String limit : List.of("account-per-day", "account-per-minute", "id-number-per-day",
                "id-number-per-minute", "client-ip-per-day", "client-ip-per-minute")) {
            cmd.add("-Dgateway.limits." + limit + "=0");
        }
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(settings.jar().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GatewayProcess gateway = new GatewayProcess(name, port, dataDir, p);
        gateway.awaitReady(log, Duration.ofSeconds(120));
        return gateway;
    }

    private void awaitReady(Path log, Duration within) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant end = Instant.now().plus(within);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Gateway " + name + " exited at start; see " + log);
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(300);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Gateway " + name + " did not become ready; see " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
