package org.realname.gateway.tls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The provider link in {@code tls13-sm} mode meets a provider whose SM2 certificate it does not
 * trust (its anchor is the ECDSA development CA, which did not issue the sandbox's certificate):
 * the handshake is refused, no request is sent, and the platform side gets the ordinary
 * {@code provider-unavailable} problem, without TLS or certificate details.
 */
@QuarkusTest
@TestProfile(UntrustedProviderTlsTest.Profile.class)
class UntrustedProviderTlsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.provider.alipay.endpoint", "https://localhost:${quarkus.http.test-ssl-port}/sandbox/gateway.do",
                    "gateway.provider.alipay.tls.mode", "tls13-sm",
                    "gateway.provider.alipay.tls.trust-anchor", "${gateway.tls.dir}/ecdsa-ca.pem");
        }
    }

    @Test
    void untrustedProviderCertificate_isProviderUnavailable_asProblemJson() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(c.redirectUrl());
        given().accept("application/problem+json").redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                .formParams(Api.shownRules(b)).formParam("consent", "on").post(b.path() + "/consent")
                .then().statusCode(503)
                .contentType(ContentType.fromContentType("application/problem+json"))
                .body("type", equalTo("https://realname-gateway.dev/problems/provider-unavailable"))
                .body(not(containsString("certif")))
                .body(not(containsString("PKIX")))
                .body(not(containsString("handshake")));
        assertEquals("CONSENTED", Api.status(platform, c.id()), "nothing reached the provider");
    }
}
