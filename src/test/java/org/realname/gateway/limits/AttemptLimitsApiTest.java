package org.realname.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The attempt limits as the platform and the browser meet them: 429 with Retry-After, nothing created, no provider call. */
@QuarkusTest
@TestProfile(AttemptLimitsApiTest.LowLimits.class)
class AttemptLimitsApiTest {

    public static final class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.limits.account-per-day", "2",
                    "gateway.limits.account-per-minute", "100",
                    "gateway.limits.client-ip-per-day", "2",
                    "gateway.limits.client-ip-per-minute", "100");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void thirdSessionForAnAccount_isRefusedWith429_andCreatesNothing() {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        Api.created(platform, Api.signup(account, "张三", TestIds.random()));
        Api.created(platform, Api.signup(account, "张三", TestIds.random()));

        Response third = Api.create(platform, Api.signup(account, "张三", TestIds.random()));

        third.then().statusCode(429).contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://realname-gateway.dev/problems/too-many-attempts"));
        assertTrue(Long.parseLong(third.header("Retry-After")) > 0);
        assertEquals(2, Db.count(dataSource, "SELECT COUNT(*) FROM verification_session WHERE account_id = ?", account));
    }

    @Test
    void tooManyConsentsFromOneAddress_areRefused_beforeTheProvider() {
        String platform = Api.token("platform");
        // Every request here comes from 127.0.0.1, which earlier test classes (same in-memory
        // database, generous limits) have used: start this address's budget afresh.
        Db.exec(dataSource, "DELETE FROM verification_attempt");
        for (int i = 0; i < 2; i++) {
            Api.consent(Api.open(Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random())).redirectUrl()));
        }
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(c.redirectUrl());

        Response r = given().accept(ContentType.HTML).redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                .formParams(Api.shownRules(b)).formParam("consent", "on").post(b.path() + "/consent");

        r.then().statusCode(429).contentType(containsString("text/html")).body(containsString("认证尝试次数过多"));
        assertTrue(Long.parseLong(r.header("Retry-After")) > 0);
        assertEquals("CREATED", Api.status(platform, c.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM consent_record WHERE session_id = ?", c.id()));
    }
}
