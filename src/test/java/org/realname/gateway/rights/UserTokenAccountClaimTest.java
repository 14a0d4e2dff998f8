package org.realname.gateway.rights;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.realname.gateway.auth.DevIssuerIdentity;
import org.realname.gateway.auth.DevIssuerKeys;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * A person's own token names the account in a claim of its own, as a Keycloak user-attribute
 * mapper writes it: the identity provider's subject and user name are not the platform's account
 * id. Tokens are signed with the development issuer's key and shaped like Keycloak's.
 */
@QuarkusTest
@TestProfile(UserTokenAccountClaimTest.AccountClaim.class)
class UserTokenAccountClaimTest {

    public static final class AccountClaim implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.auth.user-token.account-claim", "account_id");
        }
    }

    @Inject
    DevIssuerKeys keys;
    @Inject
    DevIssuerIdentity issuer;

    @Test
    void theAccountComesFromTheClaim_notFromTheSubjectOrUserName() {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        Api.Created c = Api.created(platform, Api.signup(account, "张三丰", TestIds.random()));
        Api.assertRedirectStatus(Api.completeFlow(c.redirectUrl(), "pass"), c.id(), "PASSED");

        given().auth().oauth2(userToken("4f1c2a9e-kc-user", "zhangsf", account)).get("/api/v1/me/verifications")
                .then().statusCode(200)
                .body("account_id", equalTo(account))
                .body("verifications", hasSize(1))
                .body("verifications[0].verification_id", equalTo(c.id()));
    }

    @Test
    void aTokenWithoutTheClaim_reachesNoAccount_evenWhenItsSubjectIsOne() {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        Api.Created c = Api.created(platform, Api.signup(account, "张三丰", TestIds.random()));
        Api.assertRedirectStatus(Api.completeFlow(c.redirectUrl(), "pass"), c.id(), "PASSED");

        problem(given().auth().oauth2(userToken(account, account, null)).get("/api/v1/me/verifications").then(),
                403, "forbidden");
        problem(given().auth().oauth2(userToken(account, account, null)).post("/api/v1/me/erasure").then(),
                403, "forbidden");
        // Not erased by the refused request: the platform still reads the account as verified.
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(true));
    }

    @Test
    void aClaimThatIsNotAnAccountId_isRefused() {
        problem(given().auth().oauth2(userToken("kc-user", "someone", "not an account!")).get("/api/v1/me/verifications")
                .then(), 403, "forbidden");
    }

    private static void problem(ValidatableResponse r, int status, String slug) {
        r.statusCode(status).contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://realname-gateway.dev/problems/" + slug));
    }

    private String userToken(String subject, String userName, String accountId) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer.issuer());
        c.setAudience(DevIssuerIdentity.AUDIENCE);
        c.setSubject(subject);
        c.setClaim("preferred_username", userName);
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(10);
        c.setClaim("realm_access", Map.of("roles", List.of("user")));
        if (accountId != null) {
            c.setClaim("account_id", accountId);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(keys.keyPair().getPrivate());
        jws.setKeyIdHeaderValue("dev-issuer");
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
