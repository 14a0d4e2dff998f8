package org.realname.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Keycloak for the tests: the server distribution Maven unpacks into
 * {@code target/keycloak/keycloak-<version>} ({@code pom.xml}, {@code docs/testing.md}), started as
 * {@code bin/kc.sh start-dev} on loopback with {@code config/keycloak/realm-realname.json}
 * imported. Use {@link #shared()}: one server per test JVM, started on first use, stopped when the
 * JVM exits.
 *
 * <p>The first start in a JVM begins from an empty database (the distribution's {@code data}
 * directory is deleted, so the realm file is imported afresh); {@link #stop()} and
 * {@link #start()} afterwards keep the database, hence the realm's signing keys, and the ports,
 * hence the issuer. A test that stops the shared server starts it again before it ends. One JVM
 * at a time per build directory: two servers on one distribution would share its database.
 *
 * <p>Speaks to Keycloak with the JDK's HTTP client, never rest-assured, whose settings are global
 * to the tests.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "realname";
    /** The gateway's client id: every token for the gateway carries it in {@code aud}. */
    public static final String AUDIENCE = "realname-gateway";
    /** Where Keycloak puts realm roles (quarkus.oidc.roles.role-claim-path). */
    public static final String ROLE_CLAIM_PATH = "realm_access/roles";
    /** The claim carrying the user attribute {@code account_id} in a {@code user} token. */
    public static final String ACCOUNT_ID_CLAIM = "account_id";

    /** Platform backends (confidential, client credentials, role {@code platform}): two tenants. */
    public static final String PLATFORM_A = "platform-a";
    public static final String PLATFORM_A_SECRET = "platform-a-secret-for-tests-only";
    public static final String PLATFORM_B = "platform-b";
    public static final String PLATFORM_B_SECRET = "platform-b-secret-for-tests-only";
    /** The auditor console's public client (authorization code with PKCE S256, loopback redirects). */
    public static final String CONSOLE_CLIENT = "audit-console";
    /** Public client with the password grant, for the test users' tokens (tests only). */
    public static final String TEST_CLIENT = "gateway-tests";

    /** The master realm's bootstrap administrator (admin REST API). */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests-only";

    /** A test user of the realm file. */
    public record User(String username, String password) {
        User(String username) {
            this(username, username + "-password");
        }
    }

    /** Role {@code auditor}. */
    public static final User AUDITOR1 = new User("auditor1");
    /** Roles {@code auditor} and {@code auditor-unmask}. */
    public static final User AUDITOR2 = new User("auditor2");
    /** Role {@code admin}. */
    public static final User ADMIN1 = new User("admin1");
    /** Role {@code user}, attribute {@code account_id=alice}. */
    public static final User PERSON1 = new User("person1");
    public static final String PERSON1_ACCOUNT_ID = "alice";
    /** No realm role of the gateway. */
    public static final User NOBODY1 = new User("nobody1");

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeycloakServer shared;

    private final Path home;
    private final Path realmFile;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private Process process;
    private boolean freshDatabase = true;
    private Duration lastStartTime;

    /**
     * @param home      the unpacked distribution (holds {@code bin/kc.sh})
     * @param realmFile the realm export to import
     * @param log       where Keycloak's output goes (truncated now, appended to by every start)
     */
    public KeycloakServer(Path home, Path realmFile, Path log) {
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution in " + home);
        }
        this.home = home.toAbsolutePath();
        this.realmFile = realmFile.toAbsolutePath();
        this.log = log.toAbsolutePath();
        this.httpPort = freePort();
        this.managementPort = freePort();
        try {
            Files.deleteIfExists(this.log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM's server, started on first use and stopped at JVM exit. */
    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            KeycloakServer server = new KeycloakServer(distribution(), Path.of("config/keycloak/realm-realname.json"),
                    Path.of("target/keycloak.log"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
            shared = server;
        }
        shared.start();
        return shared;
    }

    /**
     * The distribution Maven unpacked: {@code -Dkeycloak.home} if given, else the only
     * {@code target/keycloak/keycloak-*} directory.
     */
    public static Path distribution() {
        String configured = System.getProperty("keycloak.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path parent = Path.of("target/keycloak");
        try (Stream<Path> dirs = Files.isDirectory(parent) ? Files.list(parent) : Stream.empty()) {
            List<Path> found = dirs.filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh"))).sorted().toList();
            if (found.size() != 1) {
                throw new IllegalStateException("Expected one unpacked Keycloak under " + parent.toAbsolutePath()
                        + " (Maven's generate-test-resources phase unpacks it), found " + found);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the server unless it runs, and waits until the realm's discovery document answers.
     * The first start imports the realm into an empty database; later ones keep the database.
     */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Instant begin = Instant.now();
        try {
            if (freshDatabase) {
                prepareFreshData();
            }
            Path kc = home.resolve("bin/kc.sh");
            kc.toFile().setExecutable(true);
            List<String> cmd = List.of(kc.toString(), "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + httpPort,
                    // A fixed issuer, however a client reaches the server.
                    "--hostname=" + baseUrl(),
                    "--http-management-host=127.0.0.1",
                    "--http-management-port=" + managementPort,
                    "--import-realm");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = pb.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("KC_HEALTH_ENABLED", "true");
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // C1 only: a short-lived test server starts in about half the time on 2 cores
            // (measured: first start 41-42 s to 21-25 s, restart 14-17 s to 8-10 s; docs/testing.md).
            env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            process = pb.start();
            freshDatabase = false;
            awaitReady();
            lastStartTime = Duration.between(begin, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak; see " + log, e);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s), keeping its database for a later start. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Instant end = Instant.now().plus(STOP_WITHIN);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(Math.max(1, Duration.between(Instant.now(), end).toMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** How long the last {@link #start()} took until the discovery document answered. */
    public Duration lastStartTime() {
        return lastStartTime;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The realm's issuer, the value of {@code iss} and of quarkus.oidc.auth-server-url. */
    public String issuerUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return issuerUrl() + "/protocol/openid-connect/token";
    }

    /** The management interface's base ({@code /health/ready}, {@code /health/live}). */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** An access token of a confidential client's service account (client-credentials grant). */
    public String clientCredentialsToken(String clientId, String secret) {
        return accessToken(tokenUrl(), form(Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", secret)));
    }

    /** A test user's access token through {@link #TEST_CLIENT} (resource-owner password grant). */
    public String passwordToken(User user) {
        return accessToken(tokenUrl(), form(Map.of(
                "grant_type", "password",
                "client_id", TEST_CLIENT,
                "username", user.username(),
                "password", user.password())));
    }

    /** The token endpoint's answer for any form; for tests of refused grants. */
    public HttpResponse<String> tokenRequest(Map<String, String> form) {
        return post(tokenUrl(), form(form));
    }

    /** GET on the realm's admin REST API, e.g. {@code users?username=auditor1&exact=true}. */
    public JsonNode adminGet(String pathInRealm) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + "/" + pathInRealm))
                .header("Authorization", "Bearer " + masterAdminToken())
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Admin API " + pathInRealm + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** PUT of a JSON representation on the realm's admin REST API; expects 204. */
    public void adminPut(String pathInRealm, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + "/" + pathInRealm))
                .header("Authorization", "Bearer " + masterAdminToken())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 204) {
            throw new IllegalStateException("Admin API PUT " + pathInRealm + " answered " + response.statusCode());
        }
    }

    /**
     * The bootstrap administrator's token from the {@code master} realm: another issuer than
     * {@link #REALM}, signed with other keys (also what tests use as a foreign issuer's token).
     */
    public String masterAdminToken() {
        return accessToken(baseUrl() + "/realms/master/protocol/openid-connect/token", form(Map.of(
                "grant_type", "password",
                "client_id", "admin-cli",
                "username", ADMIN_USERNAME,
                "password", ADMIN_PASSWORD)));
    }

    /** A JWT's payload, unverified (for assertions on what Keycloak issued). */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a signed JWT: " + parts.length + " parts");
        }
        return parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private String accessToken(String url, String form) {
        HttpResponse<String> response = post(url, form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> post(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void prepareFreshData() throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> all = Files.walk(data)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path imports = Files.createDirectories(data.resolve("import"));
        Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private void awaitReady() {
        URI discovery = URI.create(issuerUrl() + "/.well-known/openid-configuration");
        Instant end = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited at start (code " + process.exitValue() + "); see " + log
                        + "\n" + tail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        stop();
        throw new IllegalStateException("Keycloak did not answer " + discovery + " within " + READY_WITHIN + "; see "
                + log + "\n" + tail());
    }

    private String tail() {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return all.subList(Math.max(0, all.size() - 30), all.size()).stream().collect(Collectors.joining("\n"));
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
