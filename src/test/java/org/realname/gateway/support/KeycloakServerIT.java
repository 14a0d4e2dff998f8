package org.realname.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.realname.gateway.support.KeycloakServer.claims;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The test Keycloak and the realm file: {@code config/keycloak/realm-realname.json} imports, and
 * the tokens it issues carry what the gateway reads (issuer, audience {@code realname-gateway},
 * {@code azp}, realm roles under {@code realm_access.roles}, {@code account_id}).
 *
 * <p>Start time until the realm's discovery document answers, measured on the 2-core build
 * machine, partly with another build running beside it (JDK 17.0.15, Keycloak 26.5.6
 * {@code start-dev}, C1 compiler only): 38 s for the first start after a clean build (14 s of it
 * Keycloak's one-time build of the unpacked distribution), 21 to 25 s for the first start of later
 * runs (fresh database, realm import), 8 to 10 s for a restart. Without
 * {@code -XX:TieredStopAtLevel=1}: 57 s, 41 to 42 s and 14 to 17 s. The whole class takes about 45
 * to 60 s. Printed by {@link #startTime_isPrinted()} and
 * {@link #stopAndStart_keepsTheRealmTheIssuerAndTheSigningKey()}.
 */
class KeycloakServerIT {

    private static final Set<String> GATEWAY_ROLES = Set.of("platform", "auditor", "auditor-unmask", "admin", "user");

    private static KeycloakServer keycloak;
    private static Duration firstStart;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        keycloak = KeycloakServer.shared();
        firstStart = keycloak.lastStartTime();
    }

    @ParameterizedTest
    @CsvSource({
            KeycloakServer.PLATFORM_A + "," + KeycloakServer.PLATFORM_A_SECRET,
            KeycloakServer.PLATFORM_B + "," + KeycloakServer.PLATFORM_B_SECRET })
    void clientCredentialsToken_carriesIssuerAudienceClientAndPlatformRole(String clientId, String secret) {
        JsonNode token = claims(keycloak.clientCredentialsToken(clientId, secret));

        assertEquals(keycloak.issuerUrl(), token.path("iss").asText());
        assertTrue(audience(token).contains(KeycloakServer.AUDIENCE), "aud: " + token.path("aud"));
        assertEquals(clientId, token.path("azp").asText());
        assertEquals(Set.of("platform"), gatewayRoles(token), "realm_access.roles: " + token.path("realm_access"));
        assertEquals(300, token.path("exp").asLong() - token.path("iat").asLong(), "5-minute access tokens");
    }

    @Test
    void clientCredentials_withWrongSecret_isRefused() {
        HttpResponse<String> r = keycloak.tokenRequest(Map.of(
                "grant_type", "client_credentials",
                "client_id", KeycloakServer.PLATFORM_A,
                "client_secret", KeycloakServer.PLATFORM_B_SECRET));
        assertEquals(401, r.statusCode(), r.body());
    }

    @Test
    void clientCredentials_forThePublicConsoleClient_isRefused() {
        HttpResponse<String> r = keycloak.tokenRequest(Map.of(
                "grant_type", "client_credentials",
                "client_id", KeycloakServer.CONSOLE_CLIENT));
        assertTrue(r.statusCode() == 400 || r.statusCode() == 401, r.statusCode() + " " + r.body());
    }

    @Test
    void passwordGrant_onAPlatformClient_isRefused() {
        HttpResponse<String> r = keycloak.tokenRequest(Map.of(
                "grant_type", "password",
                "client_id", KeycloakServer.PLATFORM_A,
                "client_secret", KeycloakServer.PLATFORM_A_SECRET,
                "username", KeycloakServer.AUDITOR1.username(),
                "password", KeycloakServer.AUDITOR1.password()));
        assertTrue(r.statusCode() == 400 || r.statusCode() == 401, r.statusCode() + " " + r.body());
    }

    @Test
    void usersTokens_carryTheirRoles_andThePersonsAccountId() {
        Map<KeycloakServer.User, Set<String>> expected = Map.of(
                KeycloakServer.AUDITOR1, Set.of("auditor"),
                KeycloakServer.AUDITOR2, Set.of("auditor", "auditor-unmask"),
                KeycloakServer.ADMIN1, Set.of("admin"),
                KeycloakServer.PERSON1, Set.of("user"),
                KeycloakServer.NOBODY1, Set.of());
        expected.forEach((user, roles) -> {
            JsonNode token = claims(keycloak.passwordToken(user));
            assertEquals(keycloak.issuerUrl(), token.path("iss").asText());
            assertTrue(audience(token).contains(KeycloakServer.AUDIENCE), user + " aud: " + token.path("aud"));
            assertEquals(KeycloakServer.TEST_CLIENT, token.path("azp").asText());
            assertEquals(user.username(), token.path("preferred_username").asText());
            assertEquals(roles, gatewayRoles(token), user + ": " + token.path("realm_access"));
            if (user.equals(KeycloakServer.PERSON1)) {
                assertEquals(KeycloakServer.PERSON1_ACCOUNT_ID, token.path(KeycloakServer.ACCOUNT_ID_CLAIM).asText());
            } else {
                assertTrue(token.path(KeycloakServer.ACCOUNT_ID_CLAIM).isMissingNode(), user + " has no account_id");
            }
        });
    }

    @Test
    void wrongPassword_isRefused() {
        HttpResponse<String> r = keycloak.tokenRequest(Map.of(
                "grant_type", "password",
                "client_id", KeycloakServer.TEST_CLIENT,
                "username", KeycloakServer.AUDITOR1.username(),
                "password", "not-the-password"));
        assertEquals(401, r.statusCode(), r.body());
    }

    @Test
    void realmUsers_existWithTheirRolesAndAttribute() {
        for (KeycloakServer.User user : List.of(KeycloakServer.AUDITOR1, KeycloakServer.AUDITOR2, KeycloakServer.ADMIN1,
                KeycloakServer.PERSON1, KeycloakServer.NOBODY1)) {
            JsonNode found = keycloak.adminGet("users?exact=true&username=" + user.username());
            assertEquals(1, found.size(), user.username());
            assertTrue(found.get(0).path("enabled").asBoolean(), user.username());
        }
        JsonNode person = keycloak.adminGet("users?exact=true&username=" + KeycloakServer.PERSON1.username()).get(0);
        assertEquals(KeycloakServer.PERSON1_ACCOUNT_ID, person.path("attributes").path("account_id").path(0).asText());
        JsonNode auditor2Roles = keycloak.adminGet("users/" + keycloak.adminGet(
                "users?exact=true&username=auditor2").get(0).path("id").asText() + "/role-mappings/realm");
        List<String> names = new ArrayList<>();
        auditor2Roles.forEach(r -> names.add(r.path("name").asText()));
        assertTrue(names.containsAll(List.of("auditor", "auditor-unmask")), names.toString());
    }

    @Test
    void person_cannotChangeTheirOwnAccountId() throws Exception {
        // The test users hold default-roles-realname (manage-account) like any new user, so the
        // account API is open to them; the user profile makes account_id read-only there.
        String token = keycloak.passwordToken(KeycloakServer.PERSON1);
        URI account = URI.create(keycloak.issuerUrl() + "/account");
        HttpResponse<String> mine = http.send(HttpRequest.newBuilder(account).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, mine.statusCode(), mine.body());
        ObjectMapper json = new ObjectMapper();
        ObjectNode me = (ObjectNode) json.readTree(mine.body());
        me.remove("userProfileMetadata");
        me.withObject("/attributes").putArray("account_id").add("bob");
        HttpResponse<String> change = http.send(HttpRequest.newBuilder(account).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(me))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, change.statusCode(), change.body());
        assertTrue(change.body().contains("error-user-attribute-read-only"), change.body());

        JsonNode person = keycloak.adminGet("users?exact=true&username=" + KeycloakServer.PERSON1.username()).get(0);
        assertEquals(List.of(KeycloakServer.PERSON1_ACCOUNT_ID), texts(person.path("attributes").path("account_id")));
        assertEquals(KeycloakServer.PERSON1_ACCOUNT_ID,
                claims(keycloak.passwordToken(KeycloakServer.PERSON1)).path(KeycloakServer.ACCOUNT_ID_CLAIM).asText());
    }

    @Test
    void consoleClient_acceptsALoopbackRedirectOnAnyPort_withPkce() throws Exception {
        HttpResponse<String> r = authorize("http://127.0.0.1:41234/audit/console", true);
        assertEquals(200, r.statusCode(), "the login page");
        assertTrue(r.body().contains("kc-form-login") || r.body().contains("password"), "a login form");

        assertEquals(200, authorize("http://localhost:39999/audit/console/callback", true).statusCode());
    }

    @Test
    void consoleClient_refusesAForeignRedirect() throws Exception {
        assertEquals(400, authorize("http://evil.example/audit/console", true).statusCode());
    }

    @Test
    void consoleClient_refusesAnAuthorizationRequestWithoutPkce() throws Exception {
        HttpResponse<String> r = authorize("http://127.0.0.1:41234/audit/console", false);
        // The redirect URI is valid, so the error goes back to it.
        assertEquals(302, r.statusCode());
        String location = r.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith("http://127.0.0.1:41234/audit/console") && location.contains("error=invalid_request"),
                location);
    }

    @Test
    void managementHealth_saysReady() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keycloak.managementUrl() + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("UP"), r.body());
    }

    @Test
    void stopAndStart_keepsTheRealmTheIssuerAndTheSigningKey() throws Exception {
        String before = keycloak.clientCredentialsToken(KeycloakServer.PLATFORM_A, KeycloakServer.PLATFORM_A_SECRET);
        keycloak.stop();
        try {
            assertFalse(keycloak.isRunning());
            assertThrows(IOException.class, () -> http.send(
                    HttpRequest.newBuilder(URI.create(keycloak.issuerUrl() + "/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.discarding()), "nothing answers while stopped");
        } finally {
            keycloak.start();
        }
        System.out.println("Keycloak restart took " + keycloak.lastStartTime().toMillis() + " ms");
        String after = keycloak.clientCredentialsToken(KeycloakServer.PLATFORM_A, KeycloakServer.PLATFORM_A_SECRET);
        assertEquals(keycloak.issuerUrl(), claims(after).path("iss").asText());
        assertEquals(header(before).path("kid").asText(), header(after).path("kid").asText(),
                "the same signing key after a restart (database kept)");
    }

    @Test
    void startTime_isPrinted() {
        System.out.println("Keycloak first start took " + firstStart.toMillis() + " ms");
        assertTrue(firstStart.compareTo(Duration.ofSeconds(120)) < 0);
    }

    private HttpResponse<String> authorize(String redirectUri, boolean pkce) throws Exception {
        StringBuilder query = new StringBuilder()
                .append("client_id=").append(KeycloakServer.CONSOLE_CLIENT)
                .append("&response_type=code&scope=openid&state=s1")
                .append("&redirect_uri=").append(URLEncoder.encode(redirectUri, StandardCharsets.UTF_8));
        if (pkce) {
            // Any 43-character base64url value will do for the request; the verifier is never sent.
            query.append("&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        }
        return http.send(HttpRequest.newBuilder(URI.create(keycloak.issuerUrl() + "/protocol/openid-connect/auth?" + query))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> audience(JsonNode token) {
        JsonNode aud = token.path("aud");
        Set<String> out = new HashSet<>();
        if (aud.isArray()) {
            aud.forEach(a -> out.add(a.asText()));
        } else if (aud.isTextual()) {
            out.add(aud.asText());
        }
        return out;
    }

    /** The token's realm roles that the gateway knows (Keycloak adds its own defaults). */
    private static Set<String> gatewayRoles(JsonNode token) {
        Set<String> out = new HashSet<>();
        token.path("realm_access").path("roles").forEach(r -> {
            if (GATEWAY_ROLES.contains(r.asText())) {
                out.add(r.asText());
            }
        });
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> out.add(a.asText()));
        return out;
    }

    private static JsonNode header(String jwt) throws IOException {
        return new ObjectMapper().readTree(
                Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
    }
}
