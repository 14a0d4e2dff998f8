package org.realname.gateway.attack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.realname.gateway.attack.Evidence.problem;
import static org.realname.gateway.attack.Evidence.sessionsOf;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.attack.Evidence.TrailMark;
import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.auth.DevIssuerIdentity;
import org.realname.gateway.auth.DevIssuerKeys;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Forged and broken bearer tokens against the platform API (the development issuer's tenant,
 * verified by quarkus-oidc exactly as a Keycloak token is). Each forged token tries to create a
 * verification: it must answer 401 {@code unauthenticated} with {@code WWW-Authenticate: Bearer},
 * create nothing, write nothing on the audit trail, and neither the token nor the body's personal
 * data may reach the log. A token built by the same code with the issuer's real key is accepted,
 * so each refusal is the attack's doing, not the forger's.
 */
@QuarkusTest
class TokenAttackTest {

    static final String NAME = "欧阳令牌";
    static KeyPair attackerKeys;

    @Inject
    DevIssuerKeys issuerKeys;
    @Inject
    DevIssuerIdentity issuer;
    @Inject
    DataSource dataSource;
    @Inject
    AuditSequencer sequencer;

    String idNumber;

    @BeforeAll
    static void attackerKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        attackerKeys = g.generateKeyPair();
    }

    @BeforeEach
    void freshIdentity() {
        idNumber = TestIds.random();
    }

    /** The claims the development issuer puts into a platform token. */
    JwtClaims platformClaims() {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer.issuer());
        c.setAudience(DevIssuerIdentity.AUDIENCE);
        c.setSubject("forged-platform");
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(10);
        c.setClaim("realm_access", Map.of("roles", List.of("platform")));
        return c;
    }

    static String sign(JwtClaims claims, String alg, Key key, String kid, Consumer<JsonWebSignature> more) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        jws.setHeader("typ", "JWT");
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        more.accept(jws);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    String withIssuerKey(JwtClaims claims) {
        return sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, issuerKeys.keyPair().getPrivate(), "dev-issuer", j -> { });
    }

    String withAttackerKey(JwtClaims claims, String kid, Consumer<JsonWebSignature> more) {
        return sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, attackerKeys.getPrivate(), kid, more);
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The forged token cannot create anything, and nothing of it reaches the log. */
    void refused(String token) {
        String account = TestIds.randomAccount();
        TrailMark mark = TrailMark.now(dataSource, sequencer);
        try (LogCapture log = LogCapture.start()) {
            problem(Api.create(token, Api.signup(account, NAME, idNumber)).then(), 401, "unauthenticated")
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body(not(containsString(token)));
            log.assertClean(NAME, idNumber, token, token.split("\\.", -1)[1]);
        }
        assertEquals(0, sessionsOf(dataSource, account));
        assertEquals(List.of(), mark.entries());
    }

    @Test
    void baseline_aTokenForgedWithTheIssuersOwnKey_isAccepted() {
        String account = TestIds.randomAccount();
        Api.create(withIssuerKey(platformClaims()), Api.signup(account, NAME, idNumber)).then().statusCode(201);
        assertEquals(1, sessionsOf(dataSource, account));
    }

    @Test
    void jwt_algNone_isRefused() {
        String payload = b64(platformClaims().toJson());
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String header = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"dev-issuer\"}");
            refused(header + "." + payload + ".");
        }
        // alg none with the real token's signature left in place
        String real = Api.token("platform");
        refused(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + real.split("\\.")[1] + "." + real.split("\\.")[2]);
    }

    @Test
    void jwt_hs256SignedWithTheIssuersPublicKey_isRefused() {
        byte[] der = issuerKeys.keyPair().getPublic().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : List.of(der, pem.getBytes(StandardCharsets.US_ASCII),
                issuerKeys.publicKeyBase64().getBytes(StandardCharsets.US_ASCII))) {
            refused(sign(platformClaims(), AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(secret), "dev-issuer", j -> { }));
        }
    }

    @Test
    void jwt_expired_isRefused() {
        JwtClaims c = platformClaims();
        c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 7200));
        c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        refused(withIssuerKey(c));
    }

    @Test
    void jwt_notYetValid_isRefused() {
        JwtClaims c = platformClaims();
        c.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 3600));
        c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 7200));
        refused(withIssuerKey(c));
    }

    @Test
    void jwt_wrongOrMissingIssuer_isRefused() {
        for (String iss : List.of("https://evil.example/dev-issuer", issuer.issuer() + "/", issuer.issuer().toUpperCase())) {
            JwtClaims c = platformClaims();
            c.setIssuer(iss);
            refused(withIssuerKey(c));
        }
        JwtClaims none = platformClaims();
        none.unsetClaim("iss");
        refused(withIssuerKey(none));
    }

    @Test
    void jwt_wrongOrMissingAudience_isRefused() {
        JwtClaims other = platformClaims();
        other.setAudience("another-service");
        refused(withIssuerKey(other));
        JwtClaims none = platformClaims();
        none.unsetClaim("aud");
        refused(withIssuerKey(none));
    }

    @Test
    void jwt_unknownKid_signedByAnotherKey_isRefused() {
        refused(withAttackerKey(platformClaims(), "attacker-key-1", j -> { }));
        refused(withAttackerKey(platformClaims(), "dev-issuer", j -> { }));
        refused(withAttackerKey(platformClaims(), null, j -> { }));
    }

    @Test
    void jwt_injectedKid_isRefused() {
        for (String kid : List.of("../../../../../../dev/null", "' OR '1'='1", "dev-issuer\u0000", "dev-issuer\r\nFORGED",
                "\u001b[31mdev-issuer", "https://evil.example/jwks.json", "x".repeat(1000))) {
            refused(withAttackerKey(platformClaims(), kid, j -> { }));
        }
        // The classic: kid pointing at an empty file and HS256 with the "empty" secret.
        refused(sign(platformClaims(), AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(new byte[] {0}),
                "../../../../../../dev/null", j -> { }));
    }

    @Test
    void jwt_embeddedJwkOrJkuOrX5u_isNotTrusted() throws JoseException {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(attackerKeys.getPublic());
        refused(withAttackerKey(platformClaims(), "dev-issuer", j -> j.setJwkHeader(jwk)));
        refused(withAttackerKey(platformClaims(), "dev-issuer", j -> j.setHeader("jku", "https://evil.example/jwks.json")));
        refused(withAttackerKey(platformClaims(), "dev-issuer", j -> j.setHeader("x5u", "https://evil.example/cert.pem")));
    }

    @Test
    void jwt_tamperedClaims_withTheOriginalSignature_isRefused() {
        String[] real = Api.token("auditor").split("\\.");
        JwtClaims escalated = platformClaims();
        escalated.setClaim("realm_access", Map.of("roles", List.of("platform", "admin")));
        refused(real[0] + "." + b64(escalated.toJson()) + "." + real[2]);
    }

    @Test
    void jwt_malformedTokens_areRefused() {
        String real = Api.token("platform");
        for (String t : List.of("", "a.b", "a.b.c.d", real + ".", real.replace('.', '_'), "Bearer " + real,
                real.substring(0, real.length() - 4), "\u001b[2J" + real)) {
            String account = TestIds.randomAccount();
            given().header("Authorization", "Bearer " + t).contentType(ContentType.JSON)
                    .body(Api.signup(account, NAME, idNumber)).post("/api/v1/verifications")
                    .then().statusCode(401);
            assertEquals(0, sessionsOf(dataSource, account));
        }
    }

    @Test
    void jwt_aValidTokenInTheUrl_isNotAccepted_andNotLogged() {
        String token = Api.token("platform");
        String account = TestIds.randomAccount();
        try (LogCapture log = LogCapture.start()) {
            problem(given().queryParam("access_token", token).contentType(ContentType.JSON)
                    .body(Api.signup(account, NAME, idNumber)).post("/api/v1/verifications").then(), 401, "unauthenticated");
            log.assertClean(NAME, idNumber, token);
        }
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void jwt_aValidTokenOfAnotherRole_isForbidden_notAuthenticatedAsPlatform() {
        String account = TestIds.randomAccount();
        problem(Api.create(withIssuerKey(claimsWithRoles("auditor")), Api.signup(account, NAME, idNumber)).then(), 403,
                "forbidden");
        problem(Api.create(withIssuerKey(claimsWithRoles("PLATFORM")), Api.signup(account, NAME, idNumber)).then(), 403,
                "forbidden");
        assertEquals(0, sessionsOf(dataSource, account));
    }

    @Test
    void jwt_rolesInAnotherClaim_grantNothing() {
        // Roles are read from realm_access.roles only (shared.Roles.CLAIM_PATH), in development as
        // with Keycloak: a "groups" or "roles" claim naming a role is no role.
        String account = TestIds.randomAccount();
        JwtClaims c = platformClaims();
        c.setClaim("realm_access", Map.of("roles", List.of()));
        c.setStringListClaim("groups", "platform");
        c.setStringListClaim("roles", "platform");
        problem(Api.create(withIssuerKey(c), Api.signup(account, NAME, idNumber)).then(), 403, "forbidden");
        assertEquals(0, sessionsOf(dataSource, account));
    }

    private JwtClaims claimsWithRoles(String... roles) {
        JwtClaims c = platformClaims();
        c.setClaim("realm_access", Map.of("roles", List.of(roles)));
        return c;
    }
}
