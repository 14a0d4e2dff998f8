package org.realname.gateway.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
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

/**
 * {@code gateway.minors.guardian-age=18}, for notices that ask a guardian's consent for every
 * minor: a 16-year-old's consent page asks for the guardian, and nothing reaches the provider
 * without it; from the 18th birthday nobody is asked.
 */
@QuarkusTest
@TestProfile(GuardianAgeEighteenTest.Eighteen.class)
class GuardianAgeEighteenTest {

    public static final class Eighteen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.minors.guardian-age", "18");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void sixteenYearOld_needsTheGuardiansFields_thenReachesTheProvider_flaggedMinor() {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        Api.Created c = Api.created(platform, Api.signup(account, ConsentAndMinorsContract.CHILD, MinorIds.aged(16, 10)));
        Api.Browser b = Api.open(c.redirectUrl());
        given().cookie(Api.BINDING_COOKIE, b.secret()).get(b.path()).then().statusCode(200)
                .body(containsString("name=\"guardian_name\"")).body(containsString("name=\"guardian_relation\""))
                .body(containsString("name=\"guardian_consent\""));

        ConsentAndMinorsContract.problem(ConsentAndMinorsContract.post(b, ConsentAndMinorsContract.PHONE, Api.shownRules(b)),
                400, "guardian-consent-required");
        assertEquals("CREATED", Api.status(platform, c.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM consent_record WHERE session_id = ?", c.id()));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM sandbox_certification WHERE outer_order_no = ?", c.id()));

        String next = ConsentAndMinorsContract.post(b, ConsentAndMinorsContract.PHONE,
                ConsentAndMinorsContract.guardianForm(b, ConsentAndMinorsContract.GUARDIAN, "parent", true))
                .then().statusCode(302).extract().header("Location");
        assertEquals("parent", Db.string(dataSource, "SELECT guardian_relation FROM consent_record WHERE session_id = ?", c.id()));
        ConsentAndMinorsContract.finish(b, next, "pass");
        given().auth().oauth2(platform).get("/api/v1/verifications/" + c.id()).then().statusCode(200)
                .body("status", equalTo("PASSED")).body("minor", equalTo(true));
    }

    @Test
    void eighteenthBirthdayToday_needsNoGuardian() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", MinorIds.aged(18, 0)));
        Api.Browser b = Api.open(c.redirectUrl());
        given().cookie(Api.BINDING_COOKIE, b.secret()).get(b.path()).then().statusCode(200)
                .body(not(containsString("guardian_name")));
        Api.consent(b);
        assertEquals("PENDING", Api.status(platform, c.id()));
        assertEquals(1, Db.count(dataSource,
                "SELECT COUNT(*) FROM consent_record WHERE session_id = ? AND guardian_relation IS NULL", c.id()));
    }
}
