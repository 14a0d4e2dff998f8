package org.realname.gateway.consent;

import org.realname.gateway.tenant.AccountRef;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.IdentityCipher;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.keys.SealedValue;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Consent records and the minors rules end to end over HTTP, with the sandbox provider over real
 * HTTP (its certifications count the provider calls). Run on H2 and PostgreSQL by its subclasses.
 */
public abstract class ConsentAndMinorsContract {

    static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148";
    static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36";
    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    static final String CHILD = "李小明";
    static final String GUARDIAN = "李大山";

    @Inject
    DataSource dataSource;
    @Inject
    ConsentRules rules;
    @Inject
    IdentityCipher cipher;
    @Inject
    KeyRingService keyRing;

    String platform;

    @BeforeEach
    void token() {
        platform = Api.token("platform");
    }

    @Test
    void adultConsent_recordsTheRulesSm3DigestTimeAndChannel_andTheResultIsNotMinor() {
        String account = TestIds.randomAccount();
        Api.Created c = Api.created(platform, Api.signup(account, "张三", TestIds.random()));
        Api.Browser b = Api.open(c.redirectUrl());

        // The page names the provider and what it receives, as the rules in force say.
        String page = given().cookie(Api.BINDING_COOKIE, b.secret()).get(b.path()).then().statusCode(200).extract().asString();
        assertTrue(page.contains("认证服务提供方：" + rules.current().providerName().orElseThrow()), "the provider is named");
        assertTrue(page.contains("Verification provider: "), "in English too");

        String next = post(b, PHONE, Api.shownRules(b)).then().statusCode(302).extract().header("Location");

        ConsentRules.Rules inForce = rules.current();
        String where = " FROM consent_record WHERE session_id = ?";
        assertEquals(inForce.version(), Db.string(dataSource, "SELECT rules_version" + where, c.id()));
        assertEquals(inForce.effectiveDate().toString(), Db.string(dataSource, "SELECT CAST(rules_effective_date AS VARCHAR(10))" + where, c.id()));
        assertEquals(inForce.digest(), Db.string(dataSource, "SELECT rules_digest" + where, c.id()));
        assertEquals(ConsentRules.digest(inForce.version(), inForce.textZh(), inForce.textEn()), inForce.digest());
        assertEquals("SM3", Db.string(dataSource, "SELECT rules_digest_algorithm" + where, c.id()));
        // The provider the page named, on record with the consent.
        assertEquals(inForce.providerName().orElseThrow(), Db.string(dataSource, "SELECT provider_name" + where, c.id()));
        assertEquals("h5", Db.string(dataSource, "SELECT channel" + where, c.id()));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*)" + where + " AND consented_at IS NOT NULL", c.id()));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*)" + where
                + " AND guardian_relation IS NULL AND guardian_name_ciphertext IS NULL", c.id()));

        finish(b, next, "pass");
        given().auth().oauth2(platform).get("/api/v1/verifications/" + c.id()).then().statusCode(200)
                .body("status", equalTo("PASSED")).body("minor", equalTo(false));
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("minor", equalTo(false));
        assertEquals("FALSE", Db.string(dataSource, "SELECT CAST(minor AS VARCHAR(5)) FROM verification_result WHERE session_id = ?", c.id()).toUpperCase());
    }

    @Test
    void desktopConsent_recordsTheDesktopChannel() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(c.redirectUrl());
        post(b, DESKTOP, Api.shownRules(b)).then().statusCode(302);
        assertEquals("desktop", Db.string(dataSource, "SELECT channel FROM consent_record WHERE session_id = ?", c.id()));
    }

    @Test
    void child_withoutGuardianConsent_isRefused_neverReachesTheProvider_andNothingChanges() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), CHILD, MinorIds.aged(10, 3)));
        Api.Browser b = Api.open(c.redirectUrl());
        given().cookie(Api.BINDING_COOKIE, b.secret()).get(b.path()).then().statusCode(200)
                .body(containsString("name=\"guardian_name\""))
                .body(containsString("name=\"guardian_relation\""))
                .body(containsString("name=\"guardian_consent\""))
                .body(containsString("value=\"parent\""));

        problem(post(b, PHONE, Api.shownRules(b)), 400, "guardian-consent-required");
        // A browser gets a page, not JSON.
        given().accept(ContentType.HTML).redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                .formParams(Api.shownRules(b)).formParam("consent", "on").post(b.path() + "/consent")
                .then().statusCode(400).contentType(containsString("text/html")).body(containsString("需要监护人同意"));
        // The guardian's name and tick without the relation, or without the guardian's own tick: still refused.
        problem(post(b, PHONE, guardianForm(b, GUARDIAN, null, true)), 400, "guardian-consent-required");
        problem(post(b, PHONE, guardianForm(b, GUARDIAN, "parent", false)), 400, "guardian-consent-required");

        assertNothingChanged(c.id());
    }

    @Test
    void child_withInvalidGuardianDetails_isRefused_andNothingChanges() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), CHILD, MinorIds.aged(13, 1)));
        Api.Browser b = Api.open(c.redirectUrl());

        Response badName = post(b, PHONE, guardianForm(b, "李3<b>", "parent", true));
        problem(badName, 400, "invalid-guardian").body("detail", not(containsString("<b>")));
        problem(post(b, PHONE, guardianForm(b, GUARDIAN, "neighbour", true)), 400, "invalid-guardian");
        given().accept(ContentType.HTML).redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                .contentType(FORM).formParams(guardianForm(b, "x", "parent", true)).formParam("consent", "on").post(b.path() + "/consent")
                .then().statusCode(400).contentType(containsString("text/html")).body(containsString("监护人信息无效"));

        assertNothingChanged(c.id());
    }

    @Test
    void child_withGuardianConsent_reachesTheProvider_guardianNameOnlySealed_resultFlaggedMinor() {
        String account = TestIds.randomAccount();
        Api.Created c = Api.created(platform, Api.signup(account, CHILD, MinorIds.aged(9, 40)));
        Api.Browser b = Api.open(c.redirectUrl());

        String next = post(b, PHONE, guardianForm(b, GUARDIAN, "parent", true)).then().statusCode(302)
                .extract().header("Location");

        String where = " FROM consent_record WHERE session_id = ?";
        assertEquals("parent", Db.string(dataSource, "SELECT guardian_relation" + where, c.id()));
        String consentId = Db.string(dataSource, "SELECT id" + where, c.id());
        byte[] sealed = Db.bytes(dataSource, "SELECT guardian_name_ciphertext" + where, c.id());
        assertNotNull(sealed);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(new String(GUARDIAN.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1)), "the guardian's name is not stored in plain");
        String keyId = Db.string(dataSource, "SELECT guardian_key_id" + where, c.id());
        assertEquals(GUARDIAN, cipher.open(AccountRef.ofDefault(account), new SealedValue(keyId, sealed), ConsentRecord.guardianNameAad(consentId)));
        assertEquals(1, providerCalls(c.id()));

        finish(b, next, "pass");
        given().auth().oauth2(platform).get("/api/v1/verifications/" + c.id()).then().statusCode(200)
                .body("status", equalTo("PASSED")).body("minor", equalTo(true));
        given().auth().oauth2(platform).get("/api/v1/accounts/" + account + "/real-name").then().statusCode(200)
                .body("minor", equalTo(true)).body("name", equalTo("李**"));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ? AND minor = TRUE", c.id()));
        // Auditors see the flag too.
        given().auth().oauth2(Api.token("auditor")).queryParam("account", account).get("/api/v1/audit/results")
                .then().statusCode(200).body("items[0].minor", equalTo(true));
    }

    @Test
    void teenager_needsNoGuardian_butTheResultIsFlaggedMinor() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), CHILD, MinorIds.aged(16, 10)));
        Api.Browser b = Api.open(c.redirectUrl());
        given().cookie(Api.BINDING_COOKIE, b.secret()).get(b.path()).then().statusCode(200)
                .body(not(containsString("guardian_name")));
        String next = post(b, PHONE, Api.shownRules(b)).then().statusCode(302).extract().header("Location");
        finish(b, next, "fail");
        given().auth().oauth2(platform).get("/api/v1/verifications/" + c.id()).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("minor", equalTo(true));
    }

    @Test
    void reverifyOfAChild_takesTheAgeFromTheBoundIdentity_andNeedsTheGuardianAgain() {
        String account = TestIds.randomAccount();
        Api.Created signup = Api.created(platform, Api.signup(account, CHILD, MinorIds.aged(12, 5)));
        Api.Browser sb = Api.open(signup.redirectUrl());
        finish(sb, post(sb, PHONE, guardianForm(sb, GUARDIAN, "grandparent", true)).then().statusCode(302)
                .extract().header("Location"), "pass");

        Api.Created again = Api.created(platform, Api.reverify(account));
        Api.Browser b = Api.open(again.redirectUrl());
        problem(post(b, PHONE, Api.shownRules(b)), 400, "guardian-consent-required");
        assertNothingChanged(again.id());

        post(b, PHONE, guardianForm(b, GUARDIAN, "parent", true)).then().statusCode(302);
        assertEquals("parent", Db.string(dataSource, "SELECT guardian_relation FROM consent_record WHERE session_id = ?", again.id()));
    }

    @Test
    void aFormThatShowedOtherRules_isRefused_andTheNewRulesAreShown_withoutAProviderCall() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(c.redirectUrl());
        ConsentRules.Rules inForce = rules.current();

        Map<String, String> old = new LinkedHashMap<>();
        old.put("rules_version", "2025.01-1");
        old.put("rules_digest", "00".repeat(32));
        problem(post(b, PHONE, old), 409, "rules-changed").body("detail", containsString(inForce.version()));
        // A form with no rules at all proves nothing either.
        problem(post(b, PHONE, Map.of()), 409, "rules-changed");
        // Right version, other text.
        problem(post(b, PHONE, Map.of("rules_version", inForce.version(), "rules_digest", "ab".repeat(32))), 409, "rules-changed");

        given().accept(ContentType.HTML).redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                .formParams(old).formParam("consent", "on").post(b.path() + "/consent")
                .then().statusCode(409).contentType(containsString("text/html"))
                .body(containsString("id=\"rules-changed\""))
                .body(containsString("name=\"rules_digest\" value=\"" + inForce.digest() + "\""))
                .body(containsString("人脸信息处理规则"));
        assertNothingChanged(c.id());

        post(b, PHONE, Api.shownRules(b)).then().statusCode(302);
        assertEquals(1, providerCalls(c.id()));
    }

    @Test
    void erasingTheAccount_shredsTheGuardiansName() {
        String account = TestIds.randomAccount();
        Api.Created c = Api.created(platform, Api.signup(account, CHILD, MinorIds.aged(8, 2)));
        Api.Browser b = Api.open(c.redirectUrl());
        post(b, PHONE, guardianForm(b, GUARDIAN, "other-guardian", true)).then().statusCode(302);
        String where = " FROM consent_record WHERE session_id = ?";
        String consentId = Db.string(dataSource, "SELECT id" + where, c.id());
        SealedValue sealed = new SealedValue(Db.string(dataSource, "SELECT guardian_key_id" + where, c.id()),
                Db.bytes(dataSource, "SELECT guardian_name_ciphertext" + where, c.id()));

        keyRing.shred(AccountRef.ofDefault(account));

        assertThrows(GatewayException.class, () -> cipher.open(AccountRef.ofDefault(account), sealed, ConsentRecord.guardianNameAad(consentId)));
        assertArrayEquals(sealed.ciphertext(), Db.bytes(dataSource, "SELECT guardian_name_ciphertext" + where, c.id()),
                "the ciphertext stays, unreadable");
    }

    // --- helpers ---

    static Response post(Api.Browser b, String userAgent, Map<String, String> fields) {
        // UTF-8 as a browser sends it from the UTF-8 page (rest-assured's default for forms is ISO-8859-1).
        return given().redirects().follow(false).header("User-Agent", userAgent).cookie(Api.BINDING_COOKIE, b.secret())
                .contentType(FORM).formParams(fields).formParam("consent", "on").post(b.path() + "/consent");
    }

    static Map<String, String> guardianForm(Api.Browser b, String name, String relation, boolean guardianTick) {
        Map<String, String> f = new LinkedHashMap<>(Api.shownRules(b));
        if (name != null) {
            org.realname.gateway.support.PersonalValues.remember(name);
            f.put("guardian_name", name);
        }
        if (relation != null) {
            f.put("guardian_relation", relation);
        }
        if (guardianTick) {
            f.put("guardian_consent", "on");
        }
        return f;
    }

    static ValidatableResponse problem(Response r, int status, String slug) {
        return r.then().statusCode(status).contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://realname-gateway.dev/problems/" + slug))
                .body("detail", not(containsString(GUARDIAN)));
    }

    static void finish(Api.Browser b, String providerUrl, String outcome) {
        Api.comeBack(b, Api.faceCapture(providerUrl, outcome)).then().statusCode(302);
    }

    long providerCalls(String sessionId) {
        return Db.count(dataSource, "SELECT COUNT(*) FROM sandbox_certification WHERE outer_order_no = ?", sessionId);
    }

    void assertNothingChanged(String sessionId) {
        assertEquals("CREATED", Api.status(platform, sessionId));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM consent_record WHERE session_id = ?", sessionId));
        assertEquals(0, providerCalls(sessionId), "no provider call");
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE record_id = ? AND event_type = 'SESSION_CONSENTED'",
                sessionId));
        assertNull(Db.string(dataSource, "SELECT consented_at FROM verification_session WHERE id = ?", sessionId));
    }
}
