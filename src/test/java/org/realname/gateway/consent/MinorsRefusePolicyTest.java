package org.realname.gateway.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** {@code gateway.minors.policy=refuse}: children under the guardian age are not verified at all. */
@QuarkusTest
@TestProfile(MinorsRefusePolicyTest.RefuseProfile.class)
class MinorsRefusePolicyTest {

    public static final class RefuseProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.minors.policy", "refuse");
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    ConsentRules rules;

    @Test
    void child_isRefused_evenWithAGuardian_andNothingIsSent() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "李小明", MinorIds.aged(11, 3)));
        Api.Browser b = Api.open(c.redirectUrl());

        given().accept(ContentType.HTML).cookie(Api.BINDING_COOKIE, b.secret()).get(b.path())
                .then().statusCode(403).contentType(containsString("text/html")).body(containsString("minor-not-allowed"));
        ConsentRules.Rules inForce = rules.current();
        given().redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("rules_version", inForce.version()).formParam("rules_digest", inForce.digest())
                .formParam("guardian_name", "李大山").formParam("guardian_relation", "parent")
                .formParam("guardian_consent", "on").formParam("consent", "on").post(b.path() + "/consent")
                .then().statusCode(403).contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://realname-gateway.dev/problems/minor-not-allowed"));

        assertEquals("CREATED", Api.status(platform, c.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM consent_record WHERE session_id = ?", c.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM sandbox_certification WHERE outer_order_no = ?", c.id()));
    }

    @Test
    void fourteenthBirthdayToday_isNoLongerRefused() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", MinorIds.aged(14, 0)));
        Api.Browser b = Api.open(c.redirectUrl());
        Api.consent(b);
        assertEquals("PENDING", Api.status(platform, c.id()));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM consent_record WHERE session_id = ? AND guardian_relation IS NULL", c.id()));
    }
}
