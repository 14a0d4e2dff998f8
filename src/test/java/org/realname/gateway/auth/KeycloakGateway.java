package org.realname.gateway.auth;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.realname.gateway.support.KeycloakServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway under test with Keycloak as its only identity provider, configured as
 * {@code docs/operations.md} tells production to: the realm's issuer, the gateway's audience,
 * roles from {@code realm_access/roles}, the person's account in the {@code account_id} claim,
 * platforms as tenants by OIDC client, and the auditor console signed in by the authorization
 * code flow of the realm's public {@code audit-console} client with PKCE. The development issuer
 * is off, so every token the tests present comes from Keycloak.
 */
public class KeycloakGateway implements QuarkusTestProfile {

    static final Path CONSOLE_CODE_FLOW = Path.of("config/keycloak/console-code-flow.properties");
    /** The tenant of {@code platform-a}, of the person's and of the auditors' clients. */
    static final String TENANT_A = "kc-shop";
    /** The tenant of {@code platform-b}. */
    static final String TENANT_B = "kc-forum";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        c.put("gateway.dev-issuer.enabled", "false");
        c.put("quarkus.oidc.token.audience", KeycloakServer.AUDIENCE);
        c.put("quarkus.oidc.roles.role-claim-path", KeycloakServer.ROLE_CLAIM_PATH);
        c.put("gateway.auth.user-token.account-claim", KeycloakServer.ACCOUNT_ID_CLAIM);
        c.put("gateway.tenants.clients.\"" + KeycloakServer.PLATFORM_A + "\"", TENANT_A);
        c.put("gateway.tenants.clients.\"" + KeycloakServer.PLATFORM_B + "\"", TENANT_B);
        c.put("gateway.tenants.clients.\"" + KeycloakServer.TEST_CLIENT + "\"", TENANT_A);
        c.put("gateway.tenants.clients.\"" + KeycloakServer.CONSOLE_CLIENT + "\"", TENANT_A);
        // The console by the code flow, exactly as docs/operations.md tells production to.
        c.putAll(consoleCodeFlow());
        return c;
    }

    /**
     * {@code config/keycloak/console-code-flow.properties} as written, its two secrets given as
     * the environment would give them.
     */
    static Map<String, String> consoleCodeFlow() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(CONSOLE_CODE_FLOW, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> secrets = Map.of(
                "${GATEWAY_CONSOLE_STATE_SECRET}", "state-secret-for-tests-only-32-chars",
                "${GATEWAY_CONSOLE_SESSION_SECRET}", "session-secret-for-tests-only-32ch");
        Map<String, String> c = new HashMap<>();
        p.stringPropertyNames().forEach(k -> c.put(k, secrets.getOrDefault(p.getProperty(k), p.getProperty(k))));
        return c;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Realm.class));
    }

    /** Starts the shared Keycloak before the gateway and points OIDC at its realm (the console's tenant follows). */
    public static class Realm implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("quarkus.oidc.auth-server-url", KeycloakServer.shared().issuerUrl());
        }

        @Override
        public void stop() {
            // The server is shared by the test JVM and stopped at its exit.
        }
    }
}
