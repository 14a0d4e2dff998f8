package org.realname.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;

/** The events that complete the trail: each appears with its actor, role and record id, and the chain stays intact. */
@QuarkusTest
class AuditEventsTest {

    @Inject
    DataSource dataSource;
    @Inject
    AuditChainVerifier verifier;
    @Inject
    ConfigurationDigest configuration;
    @Inject
    AuditSequencer sequencer;

    @AfterEach
    void chainStaysIntact() {
        AuditChainVerifier.Report report = verifier.verify();
        assertTrue(report.intact(), String.valueOf(report));
    }

    /** actor|role|outcome of the last entry of this type for this record (the last written: insert order). */
    private String last(String type, String recordId) {
        return Db.string(dataSource, "SELECT actor || '|' || actor_role || '|' || COALESCE(outcome, '') FROM audit_event "
                + "WHERE event_type = ? AND record_id = ? ORDER BY id DESC", type, recordId);
    }

    @Test
    void theBrowsersReturn_isRecorded() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.completeFlow(c.redirectUrl(), "pass");
        assertEquals("browser|end_user|PENDING", last("SESSION_RETURNED", c.id()));
        sequencer.drain(Duration.ofSeconds(10));
        long returned = Db.count(dataSource, "SELECT seq FROM audit_event WHERE event_type = 'SESSION_RETURNED' AND record_id = ?", c.id());
        long finished = Db.count(dataSource, "SELECT seq FROM audit_event WHERE event_type = 'SESSION_FINISHED' AND record_id = ?", c.id());
        assertTrue(returned < finished, "returned, then finished");
    }

    @Test
    void aSessionFoundExpiredOnAccess_isRecorded() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "李四", TestIds.random()));
        Db.makeOverdue(dataSource, c.id());
        assertEquals("EXPIRED", Api.status(platform, c.id()));
        assertEquals("system|system|on-access", last("SESSION_EXPIRED", c.id()));
        Api.status(platform, c.id());
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'SESSION_EXPIRED' "
                + "AND record_id = ?", c.id()), "once: the next read finds it already expired");
    }

    @Test
    void aLinkFoundExpired_isRefused_yetTheExpiryIsRecordedAtOnce() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "李四", TestIds.random()));
        Db.makeOverdue(dataSource, c.id());
        String link = java.net.URI.create(c.redirectUrl()).getPath();
        given().redirects().follow(false).get(link).then().statusCode(org.realname.gateway.error.ErrorCode.SESSION_EXPIRED.status());
        // the request rolled back, its finding did not: no sweep needed to see it
        assertEquals("EXPIRED", Db.string(dataSource, "SELECT status FROM verification_session WHERE id = ?", c.id()));
        assertEquals("system|system|on-access", last("SESSION_EXPIRED", c.id()));
        given().redirects().follow(false).get(link).then().statusCode(org.realname.gateway.error.ErrorCode.SESSION_EXPIRED.status());
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'SESSION_EXPIRED' "
                + "AND record_id = ?", c.id()), "once");
    }

    @Test
    void platformReads_ofAResult_andOfTheRealNameStatus_areRecorded() {
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        Api.Created c = Api.created(platform, Api.signup(account, "王五", TestIds.random()));
        Api.completeFlow(c.redirectUrl(), "pass");
        assertEquals("PASSED", Api.status(platform, c.id()));
        assertEquals("platform-client|platform|PASSED", last("RESULT_READ", c.id()));

        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200);
        assertEquals("platform-client|platform|verified", last("RESULT_READ", account));
        String unknown = TestIds.randomAccount();
        given().auth().oauth2(platform).get("/api/v1/accounts/" + unknown + "/real-name").then().statusCode(200);
        assertEquals("platform-client|platform|not-verified", last("RESULT_READ", unknown));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE record_id = ? AND outcome LIKE '%王%'", account));
    }

    @Test
    void aReceiptHandedOut_isRecorded() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "赵六", TestIds.random()));
        Api.completeFlow(c.redirectUrl(), "pass");
        String keyId = given().auth().oauth2(platform).get("/api/v1/verifications/" + c.id() + "/receipt").then()
                .statusCode(200).extract().path("signing_key_id");
        assertEquals("platform-client|platform|" + keyId, last("RECEIPT_ISSUED", c.id()));
        given().auth().oauth2(Api.token("auditor")).get("/api/v1/verifications/" + c.id() + "/receipt").then().statusCode(200);
        assertEquals("auditor-client|auditor|" + keyId, last("RECEIPT_ISSUED", c.id()));
    }

    @Test
    void aKeyRotation_isRecorded_withTheNewKeyId() {
        String keyId = given().auth().oauth2(Api.token("admin")).contentType(ContentType.JSON)
                .body(Map.of("kind", "SIGNING")).post("/api/v1/admin/keys/rotate").then().statusCode(202)
                .extract().path("key_id");
        assertEquals("admin-client|admin|SIGNING", last("KEY_ROTATED", keyId));
    }

    @Test
    void shredding_isRecorded_byAccountIdOnly() {
        String account = TestIds.randomAccount();
        given().auth().oauth2(Api.token("admin")).post("/api/v1/admin/accounts/" + account + "/shred").then().statusCode(200);
        assertEquals("admin-client|admin|", last("KEY_SHREDDED", account));
        assertEquals("account_key", Db.string(dataSource,
                "SELECT record_type FROM audit_event WHERE event_type = 'KEY_SHREDDED' AND record_id = ?", account));
    }

    @Test
    void theConfigurationDigest_isOnRecord_andOnlyAChangeAddsAnEntry() {
        String current = configuration.current();
        assertTrue(current.matches("sm3-[0-9a-f]{32}"), current);
        assertEquals(current, Db.string(dataSource, "SELECT outcome FROM audit_event WHERE event_type = "
                + "'CONFIGURATION_CHANGED' ORDER BY id DESC"), "recorded at start");
        assertFalse(configuration.recordIfChanged(current), "unchanged: no entry");

        assertTrue(configuration.recordIfChanged("sm3-00000000000000000000000000000000"));
        assertTrue(configuration.recordIfChanged(current), "changed back: recorded again");
        assertEquals("system|system|" + current, Db.string(dataSource, "SELECT actor || '|' || actor_role || '|' || outcome "
                + "FROM audit_event WHERE event_type = 'CONFIGURATION_CHANGED' ORDER BY id DESC"));
    }

    @Test
    void theDigest_leavesSecretsOut() {
        assertFalse(ConfigurationDigest.covered("gateway.keys.store-password"));
        assertFalse(ConfigurationDigest.covered("gateway.webhook.secret"));
        assertFalse(ConfigurationDigest.covered("gateway.webhook.signing-key"));
        assertFalse(ConfigurationDigest.covered("quarkus.oidc.credentials.secret"));
        assertFalse(ConfigurationDigest.covered("quarkus.datasource.password"));
        assertTrue(ConfigurationDigest.covered("gateway.session.ttl"));
        assertTrue(ConfigurationDigest.covered("gateway.dev-issuer.enabled"));
        assertTrue(ConfigurationDigest.covered("quarkus.oidc.auth-server-url"));
    }
}
