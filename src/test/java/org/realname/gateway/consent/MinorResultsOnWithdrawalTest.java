package org.realname.gateway.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code gateway.retention.minor-results=erase-on-withdrawal}: when consent is withdrawn for an
 * account with a result flagged {@code minor}, its purpose has ended and the account is erased
 * (data key destroyed, results {@code ERASED}); an adult's withdrawal still keeps past results.
 */
@QuarkusTest
@TestProfile(MinorResultsOnWithdrawalTest.EraseOnWithdrawal.class)
class MinorResultsOnWithdrawalTest {

    public static final class EraseOnWithdrawal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A database of its own, migrated by this application: on the in-memory H2 shared by
            // the suite, an application that did not run the migrations itself fails every insert
            // into consent_withdrawal ("Check constraint invalid"), as this test's withdrawals would.
            return Map.of("gateway.retention.minor-results", "erase-on-withdrawal",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:minor-results;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    AuditSequencer sequencer;

    String verified(String platform, String account, String idNumber) {
        Api.Created c = Api.created(platform, Api.signup(account, "少年", idNumber));
        Api.assertRedirectStatus(Api.completeFlow(c.redirectUrl(), "pass"), c.id(), "PASSED");
        return c.id();
    }

    @Test
    void aMinorsWithdrawal_erasesTheAccount_byTheirOwnToken() {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        String session = verified(platform, account, MinorIds.aged(15, 10));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ? AND minor = TRUE",
                session));

        given().auth().oauth2(Api.token(account, "user")).post("/api/v1/me/consent/withdrawal").then().statusCode(200)
                .body("account_id", equalTo(account)).body("erased", equalTo(true));

        assertEquals("ERASED", Db.string(dataSource, "SELECT status FROM verification_result WHERE session_id = ?", session));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM account_key WHERE account_id = ? AND destroyed_at IS NOT NULL",
                account), "the data key is destroyed");
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(false));
        sequencer.drain(java.time.Duration.ofSeconds(10));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'CONSENT_WITHDRAWN' "
                + "AND actor = ?", account));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'ERASURE' AND record_id = ?",
                account));
    }

    @Test
    void aMinorsWithdrawal_throughThePlatform_erasesToo() {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        String session = verified(platform, account, MinorIds.aged(16, 3));
        given().auth().oauth2(platform).post("/api/v1/accounts/" + account + "/consent/withdrawal").then().statusCode(200)
                .body("erased", equalTo(true));
        assertEquals("ERASED", Db.string(dataSource, "SELECT status FROM verification_result WHERE session_id = ?", session));
    }

    @Test
    void anAdultsWithdrawal_keepsPastResults_asEver() {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        String session = verified(platform, account, TestIds.random());
        given().auth().oauth2(Api.token(account, "user")).post("/api/v1/me/consent/withdrawal").then().statusCode(200)
                .body("erased", equalTo(false));
        assertEquals("VALID", Db.string(dataSource, "SELECT status FROM verification_result WHERE session_id = ?", session));
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("verified", equalTo(true));
    }
}
