package org.realname.gateway.attack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.realname.gateway.attack.Evidence.errorPage;
import static org.realname.gateway.attack.Evidence.resultsOf;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.attack.Evidence.TrailMark;
import org.realname.gateway.audit.AuditSequencer;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * A genuinely signed provider answer replayed for another verification. The provider link runs
 * through {@link ReplayingProviderProxy}, which hands session B the signed {@code initialize}
 * answer that session A received: its {@code certify_id} already belongs to A. Were it accepted,
 * B's return would query A's {@code certify_id} and record A's face verdict as B's (someone
 * else's face binding B's identity). The gateway refuses it: B ends in ERROR, A is untouched and
 * finishes normally, and B gets no result.
 */
@QuarkusTest
@TestProfile(ProviderReplayAttackTest.ThroughAReplayingProxy.class)
class ProviderReplayAttackTest {

    /** The provider endpoint points at the proxy, which forwards to the sandbox. */
    public static final class ThroughAReplayingProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.provider.alipay.endpoint",
                    "http://127.0.0.1:" + ReplayingProviderProxy.port() + "/sandbox/gateway.do");
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    AuditSequencer sequencer;

    String platform;

    @BeforeEach
    void proxyAndToken() {
        ReplayingProviderProxy.forwardTo(URI.create(RestAssured.baseURI + ":" + RestAssured.port));
        platform = Api.token("platform");
    }

    @Test
    void aSignedInitializeAnswer_replayedForAnotherSession_isRefused() throws Exception {
        String nameA = "欧阳重放";
        String idA = TestIds.random();
        String idB = TestIds.random();
        Api.Created a = Api.created(platform, Api.signup(TestIds.randomAccount(), nameA, idA));
        Api.Browser browserA = Api.open(a.redirectUrl());
        int before = ReplayingProviderProxy.initializeAnswers();
        String certifyUrlA = Api.consent(browserA);
        assertEquals(before + 1, ReplayingProviderProxy.initializeAnswers(), "the proxy saw A's initialize");
        String signedAnswerA = ReplayingProviderProxy.lastInitializeAnswer();
        String certifyIdA = new ObjectMapper().readTree(signedAnswerA)
                .path("alipay_user_certify_open_initialize_response").path("certify_id").asText();
        assertTrue(!certifyIdA.isEmpty() && signedAnswerA.contains("\"sign\""), "a signed answer with a certify_id");
        String rowA = Evidence.sessionRow(dataSource, a.id());

        Api.Created b = Api.created(platform, Api.signup(TestIds.randomAccount(), "李重放", idB));
        Api.Browser browserB = Api.open(b.redirectUrl());
        Map<String, String> rules = Api.shownRules(browserB);
        TrailMark mark = TrailMark.now(dataSource, sequencer);
        ReplayingProviderProxy.replayOnNextInitialize(signedAnswerA);
        try (LogCapture log = LogCapture.start()) {
            errorPage(given().accept(ContentType.HTML).redirects().follow(false)
                    .cookie(Api.BINDING_COOKIE, browserB.secret()).formParams(rules).formParam("consent", "on")
                    .post(browserB.path() + "/consent").then(), 502, "provider-error");
            log.assertClean(nameA, idA, idB, "李重放", browserB.secret(), signedAnswerA);
        }

        assertEquals("ERROR", Api.status(platform, b.id()));
        assertNotEquals(certifyIdA, Db.string(dataSource, "SELECT provider_reference FROM verification_session WHERE id = ?",
                b.id()));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM verification_session WHERE provider_reference = ?",
                certifyIdA));
        assertEquals(List.of("SESSION_CONSENTED:" + rules.get("rules_version"), "PROVIDER_ERROR:reference-reused"),
                mark.entriesAbout(b.id()));
        assertEquals(List.of(), mark.entriesAbout(a.id()));
        assertEquals(rowA, Evidence.sessionRow(dataSource, a.id()));

        // A finishes as if nothing happened; B's browser cannot ride on A's verdict.
        String returnA = Api.faceCapture(certifyUrlA, "pass");
        Api.assertRedirectStatus(Api.comeBack(browserA, returnA).then().statusCode(302).extract().header("Location"),
                a.id(), "PASSED");
        Api.assertRedirectStatus(given().accept(ContentType.HTML).redirects().follow(false)
                .cookie(Api.BINDING_COOKIE, browserB.secret()).get(browserB.path() + "/return").then().statusCode(302)
                .extract().header("Location"), b.id(), "ERROR");
        assertEquals("ERROR", Api.status(platform, b.id()));
        assertEquals(0, resultsOf(dataSource, b.id()));
        assertEquals(1, resultsOf(dataSource, a.id()));
    }
}
