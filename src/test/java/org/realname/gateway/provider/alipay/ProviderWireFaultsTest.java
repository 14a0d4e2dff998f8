package org.realname.gateway.provider.alipay;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.provider.sandbox.SandboxKeyMaterial;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The real Alipay wire client against a provider that misbehaves over real HTTP
 * ({@link FaultyProvider} in front of the sandbox), at {@code initialize} (consent) and at
 * {@code query} (the browser's return). Every fault ends in one of two clear ways: the provider
 * is unavailable (503 {@code provider-unavailable} with {@code Retry-After}; the session waits and
 * continues once the provider is back), or the answer is refused (502 {@code provider-error};
 * the session ends {@code ERROR} with a stable code). Nothing of an unverified answer becomes a
 * reference, a result or a pass.
 */
@QuarkusTest
@TestProfile(ProviderWireFaultsTest.ThroughAFaultyProvider.class)
class ProviderWireFaultsTest {

    static final long READ_TIMEOUT_MS = 1000;
    /** Time for the gateway's own work around a call (a loaded, shared machine). */
    static final long MARGIN_MS = 1500;

    /** The provider endpoint points at the faulty server; small timeouts; breakers that open after 4 failures. */
    public static final class ThroughAFaultyProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>();
            c.put("gateway.provider.alipay.endpoint", "http://127.0.0.1:" + FaultyProvider.reservedPort() + "/gateway.do");
            c.put("gateway.provider.alipay.read-timeout", READ_TIMEOUT_MS + "ms");
            c.put("gateway.provider.alipay.connect-timeout", "1s");
            // The link's own timeouts above the client's: the client's deadline must be what holds.
            for (String method : new String[] { "start", "query" }) {
                String ft = "quarkus.fault-tolerance.\"org.realname.gateway.provider.GuardedProvider/" + method + "\".";
                c.put(ft + "timeout.value", "4");
                c.put(ft + "timeout.unit", "seconds");
                c.put(ft + "circuit-breaker.request-volume-threshold", "4");
                c.put(ft + "circuit-breaker.failure-ratio", "1.0");
                c.put(ft + "circuit-breaker.delay", "1000");
                c.put(ft + "circuit-breaker.delay-unit", "millis");
            }
            // No background query may reach the faulty server while a test counts calls.
            c.put("gateway.reconcile.interval", "1h");
            c.put("gateway.reconcile.initial-delay", "1h");
            return c;
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    SandboxKeyMaterial sandboxKeys;
    @Inject
    org.realname.gateway.audit.AuditSequencer sequencer;

    FaultyProvider provider;
    String platform;

    @BeforeEach
    void reset() throws Exception {
        provider = FaultyProvider.on(URI.create(RestAssured.baseURI + ":" + RestAssured.port));
        CircuitBreakerMaintenance.get().resetAll();
        platform = Api.token("platform");
    }

    // ---- what the gateway asks for ----

    /**
     * The request the gateway itself puts on the wire at consent, as the provider receives it:
     * the multi-factor face product (liveness) and no face image kept by the provider.
     */
    @Test
    void initialize_asksForTheLivenessProduct_andNoFaceKeptByTheProvider() throws Exception {
        java.util.concurrent.atomic.AtomicReference<FaultyProvider.Call> seen = new java.util.concurrent.atomic.AtomicReference<>();
        provider.answer(AlipayProvider.INITIALIZE, call -> {
            seen.set(call);
            FaultyProvider.forward().write(call);
        });
        Session s = atConsent();
        assertEquals(302, consent(s.browser()).statusCode());
        FaultyProvider.Call call = seen.get();
        assertNotNull(call, "initialize reached the provider");
        String form = (call.rawQuery() == null ? "" : call.rawQuery()) + "&" + new String(call.body(), StandardCharsets.UTF_8);
        String bizContent = null;
        for (String pair : form.split("&")) {
            if (pair.startsWith("biz_content=")) {
                bizContent = java.net.URLDecoder.decode(pair.substring("biz_content=".length()), StandardCharsets.UTF_8);
            }
        }
        assertNotNull(bizContent, "biz_content on the wire");
        com.fasterxml.jackson.databind.JsonNode content = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bizContent);
        assertEquals("FACE", content.path("biz_code").asText(), "the liveness product");
        assertEquals("never", content.path("merchant_config").path("face_reserve_strategy").asText(),
                "the provider keeps no face image");
    }

    // ---- initialize (at consent) ----

    @ParameterizedTest
    @ValueSource(strings = { "silent", "trickle", "html-502", "html-503", "cut-transfer", "reset", "closed" })
    void initialize_unavailable_answers503WithRetryAfter_inBoundedTime_andTheSessionWaits(String fault) {
        provider.answer(AlipayProvider.INITIALIZE, fault(fault));
        Session s = atConsent();

        long t0 = System.nanoTime();
        Response r = consent(s.browser());
        long millis = (System.nanoTime() - t0) / 1_000_000;

        problem(r, 503, "provider-unavailable");
        assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1, fault + ": Retry-After");
        assertTrue(millis < READ_TIMEOUT_MS + MARGIN_MS, fault + " answered after " + millis + " ms");
        assertEquals("CONSENTED", Api.status(platform, s.id()));
        assertNull(column(s.id(), "provider_reference"));
        assertEquals(0, results(s.id()));

        // The provider is back: the same browser continues.
        provider.answer(AlipayProvider.INITIALIZE, FaultyProvider.forward());
        assertEquals(302, consent(s.browser()).statusCode());
        assertEquals("PENDING", Api.status(platform, s.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "html-200", "truncated-json", "huge", "huge-unannounced", "wrong-signature", "unsigned",
            "unsigned-error-with-certify-id", "signed-unknown-code", "signed-long-codes", "signed-no-code",
            "signed-long-certify-id" })
    void initialize_refused_answers502_andTheSessionEndsInError_withoutAReference(String fault) throws Exception {
        provider.answer(AlipayProvider.INITIALIZE, fault(fault));
        Session s = atConsent();

        problem(consent(s.browser()), 502, "provider-error");

        assertEquals("ERROR", Api.status(platform, s.id()));
        assertEquals(expectedCode(fault), column(s.id(), "error_code"));
        assertNull(column(s.id(), "provider_reference"), "no reference from a refused answer");
        assertEquals(0, results(s.id()));
        sequencer.drain(java.time.Duration.ofSeconds(10));
        assertEquals(1, Db.count(dataSource,
                "SELECT COUNT(*) FROM audit_event WHERE record_id = ? AND event_type = 'PROVIDER_ERROR'", s.id()));
    }

    // ---- query (the browser's return) ----

    @ParameterizedTest
    @ValueSource(strings = { "silent", "html-502", "cut-transfer", "reset", "closed", "signed-pending-unknown-sub-code" })
    void query_unavailableOrUnfinished_leavesThePendingSession_andTheVerdictIsFoundLater(String fault) {
        Session s = atProvider("pass");
        provider.answer(AlipayProvider.QUERY, fault(fault));

        long t0 = System.nanoTime();
        Response back = comeBack(s);
        long millis = (System.nanoTime() - t0) / 1_000_000;

        Api.assertRedirectStatus(back.then().statusCode(302).extract().header("Location"), s.id(), "PENDING");
        // Three attempts at most (two retries), each within the read timeout.
        assertTrue(millis < 3 * READ_TIMEOUT_MS + MARGIN_MS, fault + " answered after " + millis + " ms");
        assertTrue(provider.calls(AlipayProvider.QUERY) <= 3);
        assertEquals("PENDING", Api.status(platform, s.id()));
        assertEquals(0, results(s.id()));

        provider.answer(AlipayProvider.QUERY, FaultyProvider.forward());
        Api.assertRedirectStatus(comeBack(s).then().statusCode(302).extract().header("Location"), s.id(), "PASSED");
        assertEquals(1, results(s.id()));
    }

    @ParameterizedTest
    // (wrong-signature changes a certify_id, which a query's answer does not carry; forged-pass is its case here.)
    @ValueSource(strings = { "html-200", "truncated-json", "huge", "huge-unannounced", "forged-pass", "unsigned",
            "signed-no-code" })
    void query_unverifiedAnswer_leavesThePendingSession_storesNothing_andTheProvidersVerdictIsFoundLater(String fault)
            throws Exception {
        // A failed capture: the forged answer says T, the provider said F.
        String capture = "forged-pass".equals(fault) ? "fail" : "pass";
        Session s = atProvider(capture);
        provider.answer(AlipayProvider.QUERY, fault(fault));

        Api.assertRedirectStatus(comeBack(s).then().statusCode(302).extract().header("Location"), s.id(), "PENDING");

        assertEquals("PENDING", Api.status(platform, s.id()));
        assertNull(column(s.id(), "error_code"));
        assertEquals(0, results(s.id()), "no result from an unverified answer");
        assertEquals(1, provider.calls(AlipayProvider.QUERY), "an unverified answer is not retried within the call");
        // The provider's own answer, asked again, settles it.
        provider.answer(AlipayProvider.QUERY, FaultyProvider.forward());
        String verdict = "pass".equals(capture) ? "PASSED" : "FAILED";
        Api.assertRedirectStatus(comeBack(s).then().statusCode(302).extract().header("Location"), s.id(), verdict);
        assertEquals(verdict, Api.status(platform, s.id()));
        assertEquals(1, results(s.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "signed-unknown-code", "signed-long-codes", "signed-passed-unreadable" })
    void query_refused_endsTheSessionInError_andStoresNoResult(String fault) throws Exception {
        Session s = atProvider("pass");
        provider.answer(AlipayProvider.QUERY, fault(fault));

        Api.assertRedirectStatus(comeBack(s).then().statusCode(302).extract().header("Location"), s.id(), "ERROR");

        assertEquals("ERROR", Api.status(platform, s.id()));
        assertEquals(expectedCode(fault), column(s.id(), "error_code"));
        assertEquals(0, results(s.id()), "no result from a refused answer");
        assertEquals(1, provider.calls(AlipayProvider.QUERY), "a refusal is not retried");
        // Final: a good answer later changes nothing.
        provider.answer(AlipayProvider.QUERY, FaultyProvider.forward());
        Api.assertRedirectStatus(comeBack(s).then().statusCode(302).extract().header("Location"), s.id(), "ERROR");
        assertEquals(0, results(s.id()));
    }

    // ---- breakers ----

    @Test
    void initialize_repeatedUnavailability_opensTheBreaker_whichFailsFast_thenAGoodAnswerClosesIt() throws Exception {
        provider.answer(AlipayProvider.INITIALIZE, FaultyProvider.htmlPage(503));
        Session s = atConsent();
        for (int i = 0; i < 4; i++) {
            problem(consent(s.browser()), 503, "provider-unavailable");
        }
        assertEquals(CircuitBreakerState.OPEN, CircuitBreakerMaintenance.get().currentState("provider-start"));
        int reached = provider.calls(AlipayProvider.INITIALIZE);
        assertEquals(4, reached);

        long t0 = System.nanoTime();
        Response open = consent(s.browser());
        problem(open, 503, "provider-unavailable");
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 500, "fails fast while open");
        assertEquals("1", open.header("Retry-After"));
        assertEquals(reached, provider.calls(AlipayProvider.INITIALIZE), "nothing reached the provider while open");

        provider.answer(AlipayProvider.INITIALIZE, FaultyProvider.forward());
        Thread.sleep(1200);
        assertEquals(302, consent(s.browser()).statusCode());
        assertEquals(CircuitBreakerState.CLOSED, CircuitBreakerMaintenance.get().currentState("provider-start"));
        assertEquals("PENDING", Api.status(platform, s.id()));
    }

    @Test
    void query_repeatedUnavailability_opensTheBreaker_thenAGoodAnswerClosesIt_andThePassIsRecorded() throws Exception {
        Session s = atProvider("pass");
        provider.answer(AlipayProvider.QUERY, FaultyProvider.reset());
        for (int i = 0; i < 2; i++) {
            Api.assertRedirectStatus(comeBack(s).then().statusCode(302).extract().header("Location"), s.id(), "PENDING");
        }
        assertEquals(CircuitBreakerState.OPEN, CircuitBreakerMaintenance.get().currentState("provider-query"));
        int reached = provider.calls(AlipayProvider.QUERY);
        assertEquals(4, reached, "the fourth failed attempt opened it");
        Api.assertRedirectStatus(comeBack(s).then().statusCode(302).extract().header("Location"), s.id(), "PENDING");
        assertEquals(reached, provider.calls(AlipayProvider.QUERY), "nothing reached the provider while open");

        provider.answer(AlipayProvider.QUERY, FaultyProvider.forward());
        Thread.sleep(1200);
        Api.assertRedirectStatus(comeBack(s).then().statusCode(302).extract().header("Location"), s.id(), "PASSED");
        assertEquals(CircuitBreakerState.CLOSED, CircuitBreakerMaintenance.get().currentState("provider-query"));
        assertEquals(1, results(s.id()));
    }

    // ---- faults ----

    static final String LONG_CODE = "C".repeat(64);
    static final String LONG_SUB_CODE = "S".repeat(64);

    private FaultyProvider.Answer fault(String name) {
        return switch (name) {
            case "silent" -> FaultyProvider.silentFor(3 * READ_TIMEOUT_MS);
            case "trickle" -> FaultyProvider.trickle(300);
            case "html-502" -> FaultyProvider.htmlPage(502);
            case "html-503" -> FaultyProvider.htmlPage(503);
            case "html-200" -> FaultyProvider.htmlPage(200);
            case "cut-transfer" -> FaultyProvider.cutTransfer();
            case "reset" -> FaultyProvider.reset();
            case "closed" -> FaultyProvider.closed();
            case "truncated-json" -> FaultyProvider.sandboxChanged(b -> b.substring(0, b.length() / 2));
            case "huge" -> FaultyProvider.huge(5 << 20, true);
            case "huge-unannounced" -> FaultyProvider.huge(5 << 20, false);
            case "wrong-signature" -> FaultyProvider.sandboxChanged(
                    b -> b.replaceFirst("\"certify_id\":\"[0-9a-f]", "\"certify_id\":\"x"));
            case "forged-pass" -> FaultyProvider.sandboxChanged(b -> b.replace("\"passed\":\"F\"", "\"passed\":\"T\""));
            case "unsigned" -> FaultyProvider.sandboxChanged(b -> b.replaceFirst(",\"sign\":\"[^\"]*\"", ""));
            case "unsigned-error-with-certify-id" -> FaultyProvider.json("{\"" + root(AlipayProvider.INITIALIZE)
                    + "\":{\"code\":\"10000\",\"msg\":\"Success\",\"sub_code\":\"TRUST_ME\",\"certify_id\":\"forged0001\"}}");
            case "signed-unknown-code" -> signed("{\"code\":\"40099\",\"msg\":\"?\",\"sub_code\":\"SOMETHING_NEW\",\"sub_msg\":\"?\"}");
            case "signed-long-codes" -> signed("{\"code\":\"" + LONG_CODE + "\",\"msg\":\"?\",\"sub_code\":\"" + LONG_SUB_CODE
                    + "\",\"sub_msg\":\"?\"}");
            case "signed-no-code" -> signed("{\"msg\":\"Success\",\"certify_id\":\"abc123\",\"passed\":\"T\"}");
            case "signed-long-certify-id" -> signed("{\"code\":\"10000\",\"msg\":\"Success\",\"certify_id\":\"" + "a".repeat(100) + "\"}");
            case "signed-passed-unreadable" -> signed("{\"code\":\"10000\",\"msg\":\"Success\",\"passed\":\"Y\"}");
            case "signed-pending-unknown-sub-code" -> signed("{\"code\":\"40004\",\"msg\":\"?\",\"sub_code\":\"STILL_THINKING\",\"sub_msg\":\"?\"}");
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String expectedCode(String fault) {
        return switch (fault) {
            case "html-200", "truncated-json", "huge", "huge-unannounced", "signed-no-code" -> ResponseVerifier.MALFORMED;
            case "wrong-signature", "forged-pass", "unsigned" -> ResponseVerifier.BAD_SIGNATURE;
            case "unsigned-error-with-certify-id" -> "10000/TRUST_ME";
            case "signed-unknown-code" -> "40099/SOMETHING_NEW";
            case "signed-long-codes" -> (LONG_CODE + "/" + LONG_SUB_CODE).substring(0, 64);
            case "signed-long-certify-id" -> "10000/certify_id-invalid";
            case "signed-passed-unreadable" -> "10000/passed-unreadable";
            default -> throw new IllegalArgumentException(fault);
        };
    }

    /** An answer signed with the sandbox's own key for whichever method is asked: genuine, and unexpected. */
    private FaultyProvider.Answer signed(String content) {
        return call -> {
            String method = java.net.URLDecoder.decode(call.rawQuery().replaceAll(".*(?:^|&)method=([^&]*).*", "$1"),
                    java.nio.charset.StandardCharsets.UTF_8);
            String sign = AlipaySignatures.sign(SignType.RSA2, sandboxKeys.keys().providerPrivateKey(SignType.RSA2), content);
            FaultyProvider.json("{\"" + root(method) + "\":" + content + ",\"sign\":\"" + sign + "\"}").write(call);
        };
    }

    private static String root(String method) {
        return ResponseVerifier.rootNode(method);
    }

    // ---- the flow ----

    record Session(String id, Api.Browser browser, String returnUrl) {
    }

    private Session atConsent() {
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "欧阳故障", TestIds.random()));
        return new Session(c.id(), Api.open(c.redirectUrl()), null);
    }

    /** Consented, at the provider, and the capture done with {@code outcome}; the browser not back yet. */
    private Session atProvider(String outcome) {
        Session s = atConsent();
        String returnUrl = Api.faceCapture(Api.consent(s.browser()), outcome);
        provider.answer(AlipayProvider.QUERY, FaultyProvider.forward());
        return new Session(s.id(), s.browser(), returnUrl);
    }

    private static Response consent(Api.Browser b) {
        return given().redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                .formParams(Api.shownRules(b)).formParam("consent", "on").post(b.path() + "/consent");
    }

    private static Response comeBack(Session s) {
        return Api.comeBack(s.browser(), s.returnUrl());
    }

    /** An RFC 9457 problem with the stable type, and nothing of the provider's answer or a stack trace. */
    private static void problem(Response r, int status, String slug) {
        r.then().statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo(ErrorCode.TYPE_BASE + slug))
                .body("instance", containsString("urn:request:"))
                .body(not(containsString("Exception")))
                .body(not(containsString("nginx")))
                .body(not(containsString("\tat ")));
    }

    private String column(String id, String column) {
        return Db.string(dataSource, "SELECT " + column + " FROM verification_session WHERE id = ?", id);
    }

    private long results(String id) {
        return Db.count(dataSource, "SELECT COUNT(*) FROM verification_result WHERE session_id = ?", id);
    }

}
