package org.realname.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * With the development parts switched off (as in production): no token minting, no demo, and
 * with no OIDC issuer configured every API call is refused.
 */
@QuarkusTest
@TestProfile(DevelopmentPartsDisabledTest.ProductionLike.class)
class DevelopmentPartsDisabledTest {

    public static final class ProductionLike implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.dev-issuer.enabled", "false", "gateway.web.demo-enabled", "false");
        }
    }

    @Test
    void devTokens_doNotExist() {
        given().contentType(ContentType.JSON).body(Map.of("role", "platform", "subject", "x")).post("/dev/tokens")
                .then().statusCode(404).contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://realname-gateway.dev/problems/dev-issuer-disabled"));
    }

    @Test
    void demo_doesNotExist() {
        given().get("/demo").then().statusCode(404);
    }

    @Test
    void api_refusesEveryCaller_withoutAnIssuer() {
        given().get("/api/v1/accounts/alice/real-name").then().statusCode(401)
                .body("type", equalTo("https://realname-gateway.dev/problems/unauthenticated"));
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").get("/api/v1/accounts/alice/real-name")
                .then().statusCode(401);
    }
}
