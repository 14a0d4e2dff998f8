package org.realname.gateway.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts the packaged gateway ({@code mvn verify} builds it before the integration tests) as a
 * real process on an embedded PostgreSQL, under a non-production profile so the sandbox and the
 * development issuer stay on, and waits until it is ready.
 */
public final class PackagedGateway {

    /**
     * The {@code --add-opens} BGMProvider (TLCP) needs. The jar's manifest carries its
     * {@code Add-Exports}, but Quarkus 3.34 overwrites a configured {@code Add-Opens} manifest
     * attribute with its own, so these must be on the command line (docs/gm-tls.md "JVM flags and
     * provider order").
     */
    public static final List<String> BGM_OPENS = List.of(
            "--add-opens=java.base/sun.security.util=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.x509=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.pkcs12=ALL-UNNAMED");

    private PackagedGateway() {
    }

    /**
     * @param profile    the Quarkus profile (its settings live in application.properties)
     * @param jvmOptions options before the system properties, such as a heap limit
     * @param properties further system properties
     * @param log        where the process's output goes
     */
    public static Process start(String profile, EmbeddedPostgres postgres, Path dataDir, int port,
            List<String> jvmOptions, Map<String, String> properties, File log, Duration readyWithin) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "the packaged gateway exists (run through mvn verify)");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(BGM_OPENS);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(
                "-Dquarkus.profile=" + profile,
                "-Dquarkus.http.port=" + port,
                // The GM TLS listener (quarkus.http.ssl-port, 8443 by default) stays off: these
                // tests speak plain HTTP, and a fixed port would clash between parallel builds.
                "-Dgateway.tls.enabled=false",
                "-Dquarkus.datasource.db-kind=postgresql",
                "-Dquarkus.datasource.jdbc.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=postgres",
                "-Dgateway.data-dir=" + dataDir,
                "-Dgateway.public-base-url=http://localhost:" + port,
                "-Dgateway.consent.rules-file=" + Path.of("config/face-rules.json").toAbsolutePath()));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        Instant end = Instant.now().plus(readyWithin);
        while (Instant.now().isBefore(end)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("The gateway exited at start; see " + log);
            }
            try {
                if (given().get("/q/health/ready").statusCode() == 200) {
                    return p;
                }
            } catch (Exception e) {
                // Not listening yet (rest-assured rethrows the checked ConnectException as is).
            }
            Thread.sleep(300);
        }
        p.destroyForcibly();
        throw new IllegalStateException("The gateway did not become ready; see " + log);
    }
}
