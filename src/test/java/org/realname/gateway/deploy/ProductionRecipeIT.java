package org.realname.gateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.GatewayProcess;
import org.realname.gateway.support.KeycloakServer;
import org.realname.gateway.support.NoPersonalData;
import org.realname.gateway.support.PersonalValues;
import org.realname.gateway.support.TestIds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * docs/deployment.md, run: the packaged gateway in its production profile (no profile flag: the
 * packaged jar's default is {@code prod}), started with exactly the page's command, settings file
 * and environment variables, on PostgreSQL, with the real Keycloak, a key store made by the key
 * ceremony, and a face-verification provider over HTTPS (TLS 1.3 with the ShangMi suites) served
 * by another process. No start-up guard is loosened: the instances get what production gets.
 *
 * <p>The provider stand-in is a second packaged gateway on a profile of its own whose only job
 * is its built-in sandbox, behind its own (development) certificates, serving it under
 * {@code /provider} too ({@code gateway.sandbox.provider-path}). The production guard refuses an
 * endpoint under {@code /sandbox/}, the path of the gateway's own built-in sandbox; this one is
 * another process and origin, as a real provider is.
 *
 * <p>Two instances share the database and the key store file behind a load balancer
 * ({@link ForwardingProxy}) that sets {@code X-Forwarded-For}: one whole verification goes through
 * it (its requests alternate between the instances), then the per-address attempt limit is shown
 * to count each person's forwarded address, and to ignore the header from anyone but the
 * balancer. The limit is lowered to 2 a day by its setting ({@code GATEWAY_LIMITS_CLIENT_IP_PER_DAY}).
 */
class ProductionRecipeIT {

    private static final Path WORK = Path.of("target/production-recipe-it").toAbsolutePath();
    private static final Duration READY_WITHIN = Duration.ofSeconds(150);
    private static final String APP_ID = "2021000000000001";
    private static final String PLATFORM_ORIGIN = "https://platform-a.example";
    /** Set on top of gateway.env's variables: the test's own ports and a low limit to reach. */
    private static final Set<String> TEST_ONLY_VARIABLES = Set.of("QUARKUS_HTTP_PORT", "GATEWAY_LIMITS_CLIENT_IP_PER_DAY");
    private static final String BINDING_COOKIE = "rngw_binding";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedPostgres postgres;
    private static GatewayProcess provider;
    private static final List<GatewayProcess> instances = new ArrayList<>();
    private static ForwardingProxy proxy;
    private static KeycloakServer keycloak;
    private static Path deployment;
    private static Map<String, String> environment;
    private static HttpClient providerBrowser;

    @BeforeAll
    static void deploy() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        CompletableFuture<KeycloakServer> identity = CompletableFuture.supplyAsync(KeycloakServer::shared);
        try {
            deploy(identity);
        } catch (Exception | AssertionError e) {
            // Let Keycloak finish starting: its shutdown hook cannot stop it mid-start, and the JVM
            // would otherwise exit with it still running.
            try {
                identity.get(3, TimeUnit.MINUTES);
            } catch (Exception ignored) {
                // The failure above is the one to report.
            }
            throw e;
        }
    }

    private static void deploy(CompletableFuture<KeycloakServer> identity) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        sql("postgres", "CREATE DATABASE gateway", "CREATE DATABASE provider");

        deployment = deploymentFolder(WORK.resolve("srv"));
        Path keyStore = deployment.resolve("keys/gateway-keys.bcfks");
        String storePassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        keyCeremony(keyStore, storePassword);

        provider = startProvider();
        Path etc = Files.createDirectories(WORK.resolve("etc"));
        Path providerData = WORK.resolve("provider");
        Files.copy(providerData.resolve("sandbox-keys/app-SM2-private-key.pem"), etc.resolve("app-private-key.pem"));
        Files.copy(providerData.resolve("sandbox-keys/provider-SM2-public-key.pem"), etc.resolve("provider-public-key.pem"));
        Files.copy(providerData.resolve("tls/sm2-ca.pem"), etc.resolve("provider-sm2-ca.pem"));
        providerBrowser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
                .sslContext(trusting(providerData.resolve("tls/ecdsa-ca.pem"))).build();

        proxy = new ForwardingProxy();
        keycloak = identity.get(3, TimeUnit.MINUTES);

        environment = new LinkedHashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "gateway"));
        environment.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        environment.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuerUrl());
        // The balancer's connections come from 127.0.0.1.
        environment.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
        environment.put("GATEWAY_PUBLIC_BASE_URL", proxy.baseUri().toString());
        environment.put("GATEWAY_SESSION_ALLOWED_RETURN_ORIGINS", PLATFORM_ORIGIN);
        environment.put("GATEWAY_KEYS_STORE_FILE", keyStore.toString());
        environment.put("GATEWAY_KEYS_STORE_PASSWORD", storePassword);
        environment.put("GATEWAY_PROVIDER_ALIPAY_ENDPOINT",
                "https://127.0.0.1:" + provider.httpsPort() + "/provider/gateway.do");
        environment.put("GATEWAY_PROVIDER_ALIPAY_APP_ID", APP_ID);
        environment.put("GATEWAY_PROVIDER_ALIPAY_SIGN_TYPE", "SM2");
        environment.put("GATEWAY_PROVIDER_ALIPAY_APP_PRIVATE_KEY_FILE", etc.resolve("app-private-key.pem").toString());
        environment.put("GATEWAY_PROVIDER_ALIPAY_PROVIDER_PUBLIC_KEY_FILE", etc.resolve("provider-public-key.pem").toString());
        environment.put("GATEWAY_PROVIDER_ALIPAY_TLS_MODE", "tls13-sm");
        environment.put("GATEWAY_PROVIDER_ALIPAY_TLS_TRUST_ANCHOR", etc.resolve("provider-sm2-ca.pem").toString());
        environment.put("QUARKUS_HTTP_PORT", "0");
        environment.put("GATEWAY_LIMITS_CLIENT_IP_PER_DAY", "2");

        // One after the other: the first start migrates the empty database and registers the keys.
        for (int i = 1; i <= 2; i++) {
            instances.add(GatewayProcess.start("instance-" + i, command(DeploymentRecipe.START), deployment, environment, "/",
                    WORK.resolve("instance-" + i + ".log"), READY_WITHIN));
        }
        proxy.forwardTo(instances.stream().map(GatewayProcess::baseUri).toList());
    }

    @AfterAll
    static void undeploy() throws Exception {
        try {
            if (proxy != null) {
                proxy.close();
            }
            for (GatewayProcess instance : instances) {
                instance.close();
            }
            if (provider != null) {
                provider.close();
            }
            if (!instances.isEmpty()) {
                // After a normal stop: nothing personal was ever logged (ports and times are, hence
                // the check by value, not by shape).
                for (GatewayProcess instance : instances) {
                    NoPersonalData.assertNotQuoted(instance.name() + "'s log", instance.logText(),
                            PersonalValues.all().toArray(String[]::new));
                }
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void theEnvironment_isTheOneTheDeploymentPageLists() {
        Set<String> set = new TreeSet<>(environment.keySet());
        set.removeAll(TEST_ONLY_VARIABLES);
        assertEquals(DeploymentRecipe.environmentNames(), set);
    }

    @Test
    void oneVerification_fromAPlatformTokenToTheRealNameRead() throws Exception {
        String platformA = keycloak.clientCredentialsToken(KeycloakServer.PLATFORM_A, KeycloakServer.PLATFORM_A_SECRET);
        String account = TestIds.randomAccount();
        String name = "张三丰";
        String idNumber = TestIds.random();
        PersonalValues.remember(name);
        PersonalValues.remember(idNumber);

        JsonNode created = api("POST", "/api/v1/verifications", platformA, Map.of(
                "account_id", account, "purpose", "SIGNUP", "return_url", PLATFORM_ORIGIN + "/after-verification",
                "name", name, "id_number", idNumber), 201);
        String id = created.path("id").asText();
        FromAddress browser = new FromAddress("127.0.0.1");
        String cookie = open(browser, URI.create(created.path("redirect_url").asText()), id);
        FromAddress.Answer consent = consent(browser, proxy.baseUri(), id, cookie);
        assertEquals(302, consent.status(), consent.body());
        URI certify = URI.create(consent.header("Location"));
        assertEquals("https", certify.getScheme(), "the browser goes to the provider's https page");
        assertEquals(provider.httpsPort(), certify.getPort());

        URI back = faceStep(certify, "pass");

        assertEquals(proxy.baseUri().getPort(), back.getPort(), "the provider sends the browser back through the balancer");
        FromAddress.Answer returned = browser.get(back, Map.of("Cookie", BINDING_COOKIE + "=" + cookie));
        assertEquals(302, returned.status(), returned.body());
        URI toPlatform = URI.create(returned.header("Location"));
        assertEquals(PLATFORM_ORIGIN + "/after-verification", toPlatform.getScheme() + "://" + toPlatform.getHost()
                + toPlatform.getPath());
        assertTrue(toPlatform.getQuery().contains("status=PASSED"), toPlatform.toString());

        assertEquals("PASSED", awaitStatus(platformA, id, "PASSED"));
        JsonNode realName = api("GET", "/api/v1/accounts/" + account + "/real-name", platformA, null, 200);
        assertTrue(realName.path("verified").asBoolean(), realName.toString());
        assertTrue(realName.path("name").asText().startsWith("张") && !realName.path("name").asText().contains("三丰"),
                "the name is only ever shown masked");
        assertTrue(!realName.toString().contains(idNumber), "the ID number is only ever shown masked");
        // Platform B is another tenant: A's account is not one of its accounts.
        String platformB = keycloak.clientCredentialsToken(KeycloakServer.PLATFORM_B, KeycloakServer.PLATFORM_B_SECRET);
        assertEquals(false, api("GET", "/api/v1/accounts/" + account + "/real-name", platformB, null, 200)
                .path("verified").asBoolean(true));

        assertTrue(proxy.forwardedTo(0) > 0 && proxy.forwardedTo(1) > 0, "both instances served the flow");
        for (GatewayProcess instance : instances) {
            assertEquals(200, plain(instance.baseUri().resolve("/q/health/ready")).statusCode(), instance.name());
            String metrics = plain(instance.baseUri().resolve("/q/metrics")).body();
            assertTrue(metrics.contains("gateway_verifications_started_total"), instance.name() + " serves its metrics");
        }
        assertEquals(1.0, finishedPassed(), 0.0, "the finish is counted once, by the instance that saw it");
        keysStatusShowsActiveKeys();
    }

    @Test
    void theForwardedAddress_countsOnlyFromTheBalancer() throws Exception {
        String platform = keycloak.clientCredentialsToken(KeycloakServer.PLATFORM_A, KeycloakServer.PLATFORM_A_SECRET);
        FromAddress alice = new FromAddress("127.0.0.21");
        FromAddress bob = new FromAddress("127.0.0.22");

        // Two people behind the balancer, limit 2 a day per address: Alice's third attempt is refused,
        // Bob's first is not (without forwarding they would share the balancer's address).
        assertEquals(302, attempt(alice, platform, proxy.baseUri()).status());
        assertEquals(302, attempt(alice, platform, proxy.baseUri()).status());
        FromAddress.Answer third = attempt(alice, platform, proxy.baseUri());
        assertEquals(429, third.status(), third.body());
        assertTrue(third.header("Content-Type").startsWith("application/problem+json"), third.header("Content-Type"));
        assertEquals(302, attempt(bob, platform, proxy.baseUri()).status());

        // Someone reaching an instance directly cannot choose an address per attempt by the header:
        // their own address is counted.
        FromAddress direct = new FromAddress("127.0.0.23");
        URI instance = instances.get(0).baseUri();
        assertEquals(302, attempt(direct, platform, instance, "198.51.100.1").status());
        assertEquals(302, attempt(direct, platform, instance, "198.51.100.2").status());
        assertEquals(429, attempt(direct, platform, instance, "198.51.100.3").status());

        Map<String, Integer> recorded = awaitSecurityLog(Set.of("127.0.0.21", "127.0.0.22", "127.0.0.23"));
        assertTrue(recorded.keySet().stream().noneMatch(ip -> ip.startsWith("198.51.100.")), recorded.toString());
    }

    // ---- the deployment ----

    /** The folder an operator prepares: the packaged gateway, the settings file, the rules. */
    private static Path deploymentFolder(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.createSymbolicLink(dir.resolve("quarkus-app"), Path.of("target/quarkus-app").toAbsolutePath());
        Files.copy(DeploymentRecipe.SETTINGS, dir.resolve("config/application.properties"));
        Files.copy(DeploymentRecipe.RULES, dir.resolve("config/face-rules.json"));
        assertTrue(Files.exists(dir.resolve("quarkus-app/quarkus-run.jar")), "the packaged gateway exists (mvn package)");
        return dir;
    }

    private static void keyCeremony(Path keyStore, String password) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("GATEWAY_KEYS_STORE_FILE", keyStore.toString(),
                "GATEWAY_KEYS_STORE_PASSWORD", password));
        CommandResult result = shell(DeploymentRecipe.KEY_CEREMONY, env, WORK.resolve("key-ceremony.log"));
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("\"key_ids\":[\"blind-index-v1\",\"kek-v1\",\"sign-v1\"]"), result.output());
        assertTrue(!result.output().contains(password), "the ceremony never prints the password");
        // A second ceremony on the same file is refused: the store is never replaced.
        assertEquals(1, shell(DeploymentRecipe.KEY_CEREMONY, env, WORK.resolve("key-ceremony-again.log")).exit());
    }

    private void keysStatusShowsActiveKeys() throws Exception {
        String admin = keycloak.passwordToken(KeycloakServer.ADMIN1);
        CommandResult status = shell(DeploymentRecipe.KEYS_STATUS,
                Map.of("GATEWAY_ADMIN_TOKEN", admin, "GATEWAY_URL", proxy.baseUri().toString()), WORK.resolve("keys-status.log"));
        assertEquals(0, status.exit(), status.output());
        JsonNode versions = JSON.readTree(status.output()).path("versions");
        Set<String> active = new TreeSet<>();
        versions.forEach(v -> {
            if (v.path("status").asText().equals("ACTIVE")) {
                active.add(v.path("key_id").asText());
            }
        });
        assertEquals(Set.of("kek-v1", "sign-v1"), active, "the ceremony's keys are the ACTIVE ones");
    }

    /**
     * The provider stand-in: a packaged gateway whose job is its sandbox, over HTTPS with its own
     * development certificates (made in its data folder on first start), on its own database.
     */
    private static GatewayProcess startProvider() throws Exception {
        Path data = Files.createDirectories(WORK.resolve("provider"));
        List<String> cmd = List.of(java(),
                "-Dquarkus.profile=provider-stand-in",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=0",
                "-Dquarkus.http.ssl-port=0",
                "-Dgateway.sandbox.provider-path=/provider",
                "-Dquarkus.datasource.db-kind=postgresql",
                "-Dquarkus.datasource.jdbc.url=" + postgres.getJdbcUrl("postgres", "provider"),
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=postgres",
                "-Dgateway.data-dir=" + data,
                "-Dgateway.sandbox.app-id=" + APP_ID,
                "-Dgateway.consent.rules-file=" + DeploymentRecipe.RULES.toAbsolutePath(),
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
        return GatewayProcess.start("provider", cmd, data, Map.of(), "/", WORK.resolve("provider.log"), READY_WITHIN);
    }

    // ---- a person's steps ----

    /** Opens the one-time link; returns the binding cookie. */
    private static String open(FromAddress browser, URI link, String expectedId) throws IOException {
        FromAddress.Answer opened = browser.get(link, Map.of());
        assertEquals(303, opened.status(), opened.body());
        assertTrue(opened.header("Location").endsWith("/verify/" + expectedId), opened.header("Location"));
        for (String setCookie : opened.all("Set-Cookie")) {
            if (setCookie.startsWith(BINDING_COOKIE + "=")) {
                return setCookie.substring(BINDING_COOKIE.length() + 1, setCookie.indexOf(';'));
            }
        }
        throw new AssertionError("the link sets the binding cookie");
    }

    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"(rules_version|rules_digest)\" value=\"([^\"]*)\">");

    /** Reads the consent page and submits it, ticked, as a browser would. */
    private static FromAddress.Answer consent(FromAddress browser, URI base, String id, String cookie, String... forwardedFor)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cookie", BINDING_COOKIE + "=" + cookie);
        if (forwardedFor.length > 0) {
            headers.put("X-Forwarded-For", forwardedFor[0]);
        }
        FromAddress.Answer page = browser.get(base.resolve("/verify/" + id), headers);
        assertEquals(200, page.status(), page.body());
        StringBuilder form = new StringBuilder("consent=on");
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            form.append('&').append(m.group(1)).append('=').append(URLEncoder.encode(unescape(m.group(2)), StandardCharsets.UTF_8));
        }
        return browser.postForm(base.resolve("/verify/" + id + "/consent"), headers, form.toString());
    }

    /** A new session for a new account, its link opened and consent given from {@code browser}. */
    private static FromAddress.Answer attempt(FromAddress browser, String platform, URI base, String... forwardedFor)
            throws Exception {
        String idNumber = TestIds.random();
        PersonalValues.remember(idNumber);
        JsonNode created = api("POST", "/api/v1/verifications", platform, Map.of(
                "account_id", TestIds.randomAccount(), "purpose", "SIGNUP", "return_url", PLATFORM_ORIGIN + "/back",
                "name", "李四", "id_number", idNumber), 201);
        String id = created.path("id").asText();
        URI link = URI.create(created.path("redirect_url").asText());
        String cookie = open(browser, base.resolve(link.getRawPath()), id);
        return consent(browser, base, id, cookie, forwardedFor);
    }

    /** At the provider: the certify page, the face page, the Pass button; returns where it sends the browser. */
    private static URI faceStep(URI certify, String outcome) throws Exception {
        HttpResponse<String> toFace = providerBrowser.send(HttpRequest.newBuilder(certify).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, toFace.statusCode(), toFace.body());
        URI face = certify.resolve(toFace.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> page = providerBrowser.send(HttpRequest.newBuilder(face).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("TLSv1.3", page.sslSession().orElseThrow().getProtocol());
        String certifyId = face.getQuery().substring(face.getQuery().indexOf("certify_id=") + "certify_id=".length());
        HttpResponse<String> pressed = providerBrowser.send(HttpRequest.newBuilder(face.resolve("face"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("certify_id=" + certifyId + "&outcome=" + outcome)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, pressed.statusCode(), pressed.body());
        return URI.create(pressed.headers().firstValue("Location").orElseThrow());
    }

    // ---- the platform's calls, through the balancer ----

    private static JsonNode api(String method, String path, String token, Map<String, Object> body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** Polls the session as a platform does after the browser came back. */
    private static String awaitStatus(String token, String id, String wanted) throws Exception {
        Instant end = Instant.now().plusSeconds(30);
        String status;
        do {
            status = api("GET", "/api/v1/verifications/" + id, token, null, 200).path("status").asText();
            if (status.equals(wanted)) {
                return status;
            }
            Thread.sleep(300);
        } while (Instant.now().isBefore(end));
        return status;
    }

    private static double finishedPassed() throws Exception {
        Pattern line = Pattern.compile("^gateway_verifications_finished_total\\{([^}]*)\\} ([0-9.E+-]+)$", Pattern.MULTILINE);
        double sum = 0;
        for (GatewayProcess instance : instances) {
            Matcher m = line.matcher(plain(instance.baseUri().resolve("/q/metrics")).body());
            while (m.find()) {
                if (m.group(1).contains("outcome=\"PASSED\"")) {
                    sum += Double.parseDouble(m.group(2));
                }
            }
        }
        return sum;
    }

    private static HttpResponse<String> plain(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The client addresses of the security log (written in batches, so waited for), with their row counts. */
    private static Map<String, Integer> awaitSecurityLog(Set<String> expected) throws Exception {
        Instant end = Instant.now().plusSeconds(20);
        Map<String, Integer> found = new HashMap<>();
        while (Instant.now().isBefore(end)) {
            found.clear();
            try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "gateway"), "postgres", "postgres");
                    PreparedStatement s = c.prepareStatement("SELECT client_ip, COUNT(*) FROM security_event GROUP BY client_ip");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getInt(2));
                }
            }
            if (found.keySet().containsAll(expected)) {
                return found;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("security log addresses " + found.keySet() + ", expected at least " + expected);
    }

    // ---- processes and files ----

    private record CommandResult(int exit, String output) {
    }

    /** {@code sh -c command} in the deployment folder, as the operator types it, with the test JVM's java first on PATH. */
    private static CommandResult shell(String command, Map<String, String> env, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(deployment.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("PATH", Path.of(java()).getParent() + ":" + System.getenv("PATH"));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s");
        }
        return new CommandResult(p.exitValue(), Files.readString(log));
    }

    /** A command of the page split into arguments, with this JVM's java (Java 17) for {@code java}. */
    private static List<String> command(String line) {
        List<String> args = new ArrayList<>(List.of(line.split(" ")));
        assertEquals("java", args.get(0));
        args.set(0, java());
        return args;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("provider-ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static void sql(String database, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", database), "postgres", "postgres");
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
