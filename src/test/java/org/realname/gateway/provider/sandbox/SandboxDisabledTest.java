package org.realname.gateway.provider.sandbox;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;

/** With {@code gateway.sandbox.enabled=false} every sandbox endpoint answers 404. */
@QuarkusTest
@TestProfile(SandboxDisabledTest.Disabled.class)
class SandboxDisabledTest {

    public static final class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.sandbox.enabled", "false");
        }
    }

    @Test
    void gatewayDo_is404() {
        given().get("/sandbox/gateway.do?app_id=2021000000000001&method=alipay.user.certify.open.query")
                .then().statusCode(404);
        given().contentType("application/x-www-form-urlencoded").formParam("biz_content", "{}")
                .post("/sandbox/gateway.do").then().statusCode(404);
    }

    @Test
    void facePage_is404() {
        given().get("/sandbox/face?certify_id=abc").then().statusCode(404);
        given().contentType("application/x-www-form-urlencoded").formParam("certify_id", "abc")
                .formParam("outcome", "pass").redirects().follow(false).post("/sandbox/face").then().statusCode(404);
    }
}
