package org.realname.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.retention.SecurityLog;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The production recipe's proxy settings (`config/production.example.properties`): behind a
 * load balancer every connection comes from the balancer, and without them the per-address
 * attempt limit (20 a day) would stop a whole platform's users together. With the balancer
 * trusted, each person's forwarded address is the one counted and logged. The test's requests
 * come from 127.0.0.1, the "balancer".
 */
@QuarkusTest
@TestProfile(BehindAProxyTest.TrustedBalancer.class)
class BehindAProxyTest {

    public static final class TrustedBalancer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.0/8",
                    "gateway.limits.client-ip-per-day", "2",
                    "gateway.limits.client-ip-per-minute", "100");
        }
    }

    static final String ALICE = "203.0.113.7";
    static final String BOB = "198.51.100.23";

    @Inject
    DataSource dataSource;
    @Inject
    SecurityLog securityLog;

    String platform;

    @BeforeEach
    void freshBudgets() {
        platform = Api.token("platform");
        // Earlier test classes share the database and counted 127.0.0.1 with generous limits.
        Db.exec(dataSource, "DELETE FROM verification_attempt");
    }

    @Test
    void eachPersonBehindTheBalancer_hasTheirOwnBudget_andTheirOwnAddressOnRecord() {
        Api.Created first = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        consentFrom(ALICE, first).then().statusCode(302);
        consentFrom(ALICE, created()).then().statusCode(302);
        Api.Created third = created();
        consentFrom(ALICE, third).then().statusCode(429);
        assertEquals("CREATED", Api.status(platform, third.id()));

        // Another person behind the same balancer is not stopped by Alice's attempts.
        consentFrom(BOB, created()).then().statusCode(302);

        securityLog.flush();
        // The consent was posted with Alice's address (the link was opened without a header).
        assertTrue(Db.count(dataSource, "SELECT COUNT(*) FROM security_event WHERE session_id = ? AND client_ip = ?",
                first.id(), ALICE) >= 1, "the forwarded address is the one on record");
    }

    private Api.Created created() {
        return Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
    }

    static Response consentFrom(String address, Api.Created c) {
        Api.Browser b = Api.open(c.redirectUrl());
        return given().redirects().follow(false).header("X-Forwarded-For", address).cookie(Api.BINDING_COOKIE, b.secret())
                .formParams(Api.shownRules(b)).formParam("consent", "on").post(b.path() + "/consent");
    }
}
