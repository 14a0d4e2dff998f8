package org.realname.gateway.provider.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.identity.PersonName;
import org.realname.gateway.provider.ProviderException;
import org.realname.gateway.provider.ProviderOutcome.Verdict;
import org.realname.gateway.provider.StartedVerification;
import org.realname.gateway.provider.VerificationStart;
import org.realname.gateway.provider.alipay.AlipayConfig;
import org.realname.gateway.provider.alipay.AlipayProvider;
import org.realname.gateway.provider.alipay.AlipayResponse;
import org.realname.gateway.provider.alipay.PemKeys;
import org.realname.gateway.provider.alipay.RequestSigner;
import org.realname.gateway.provider.alipay.ResponseVerifier;
import org.realname.gateway.provider.alipay.SignType;
import org.realname.gateway.provider.alipay.SignedRequest;

import io.restassured.response.Response;

/**
 * The real client bean against the sandbox over real HTTP, browser steps with rest-assured, with
 * whatever sign type the profile configures: {@link SandboxProtocolTest} runs it with the
 * embedded default (RSA2), {@link SandboxProtocolSm2Test} with {@code sign-type=SM2}.
 */
public abstract class SandboxProtocolContract {

    private static final String NAME = "张三丰";
    private static final String ID_NUMBER = "11010519491231002X";
    private static final String RETURN_URL = "https://platform.example/return?state=abc";

    @Inject
    AlipayProvider provider;
    @Inject
    SandboxService sandbox;
    @Inject
    AlipayConfig clientConfig;
    @Inject
    SandboxKeyMaterial keyMaterial;
    @Inject
    SandboxCertificationRepository repository;
    @Inject
    ObjectMapper mapper;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The configured sign type: every hand-made request below uses it too. */
    protected SignType signType() {
        return clientConfig.signType();
    }

    @Test
    void pass_endToEnd_isPassed() {
        StartedVerification started = start(ID_NUMBER);
        String facePage = followCertify(started);

        given().redirects().follow(false).urlEncodingEnabled(false).get(facePage)
                .then().statusCode(200)
                .body(containsString("沙箱刷脸 / Sandbox face capture"))
                .body(containsString("张**"))
                .body(not(containsString(NAME)))
                .body(containsString("name=\"outcome\" value=\"pass\""));

        submit(started.providerReference(), "pass");
        assertEquals(Verdict.PASSED, provider.fetchOutcome(started.providerReference()).verdict());
    }

    @Test
    void fail_endToEnd_isFailed() {
        StartedVerification started = start(ID_NUMBER);
        followCertify(started);
        submit(started.providerReference(), "fail");
        assertEquals(Verdict.FAILED, provider.fetchOutcome(started.providerReference()).verdict());
    }

    @Test
    void secondSubmission_doesNotChangeTheOutcome() {
        StartedVerification started = start(ID_NUMBER);
        submit(started.providerReference(), "fail");
        submit(started.providerReference(), "pass");
        assertEquals(Verdict.FAILED, provider.fetchOutcome(started.providerReference()).verdict());
    }

    @Test
    void queryBeforeFinishing_isPending() {
        StartedVerification started = start(ID_NUMBER);
        var outcome = provider.fetchOutcome(started.providerReference());
        assertEquals(Verdict.PENDING, outcome.verdict());
        assertEquals("CERTIFY_NOT_FINISH", outcome.reason());
    }

    @Test
    void queryAfterTtl_isExpired() {
        StartedVerification started = start(ID_NUMBER);
        submit(started.providerReference(), "pass");
        QuarkusTransaction.requiringNew().run(() ->
                repository.findById(started.providerReference()).backdate(Duration.ofHours(25)));
        sandbox.forget(started.providerReference()); // its row changed behind its back
        var outcome = provider.fetchOutcome(started.providerReference());
        assertEquals(Verdict.EXPIRED, outcome.verdict());
        assertEquals("CERTIFY_ID_EXPIRED", outcome.reason());
    }

    @Test
    void reusedOuterOrderNo_isRefused() {
        String sessionId = newSessionId();
        provider.start(request(sessionId, ID_NUMBER));
        ProviderException e = assertThrows(ProviderException.class, () -> provider.start(request(sessionId, ID_NUMBER)));
        assertEquals(ErrorCode.PROVIDER_ERROR, e.code());
        assertEquals("40004/OUTER_ORDER_NO_USED", e.providerCode());
        assertFalse(e.getMessage().contains(ID_NUMBER));
    }

    @Test
    void requestSignedWithWrongKey_isInvalidSignature() throws Exception {
        RequestSigner wrong = new RequestSigner(clientConfig.appId(), signType(), PemKeys.generate(signType()).getPrivate(), Clock.systemUTC());
        String body = post(wrong.sign(AlipayProvider.QUERY, "{\"certify_id\":\"abc\"}"));
        AlipayResponse r = verifier().verify(AlipayProvider.QUERY, body); // the error itself is signed by the sandbox
        assertEquals("40002/isv.invalid-signature", r.providerCode());
        assertTrue(body.contains("验签出错"), "non-ASCII must be raw UTF-8, not \\u escapes");
    }

    @Test
    void staleTimestamp_isInvalidTimestamp() throws Exception {
        Clock elevenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-11));
        RequestSigner stale = new RequestSigner(clientConfig.appId(), signType(), appKey(), elevenMinutesAgo);
        String body = post(stale.sign(AlipayProvider.QUERY, "{\"certify_id\":\"abc\"}"));
        assertEquals("40002/isv.invalid-timestamp", verifier().verify(AlipayProvider.QUERY, body).providerCode());
    }

    @Test
    void unregisteredAppId_isInvalidAppId() throws Exception {
        RequestSigner other = new RequestSigner("2021999999999999", signType(), appKey(), Clock.systemUTC());
        String body = post(other.sign(AlipayProvider.QUERY, "{\"certify_id\":\"abc\"}"));
        assertEquals("40002/isv.invalid-app-id", verifier().verify(AlipayProvider.QUERY, body).providerCode());
    }

    @Test
    void legacyRsaSignType_isRefused() throws Exception {
        SignedRequest r = new RequestSigner(clientConfig.appId(), signType(), appKey(), Clock.systemUTC())
                .sign(AlipayProvider.QUERY, "{\"certify_id\":\"abc\"}");
        String query = r.queryString().replace("sign_type=" + signType(), "sign_type=RSA");
        assertTrue(query.contains("sign_type=RSA&"), query);
        String body = send(query, r.formBody());
        // With no usable sign_type to follow, the sandbox signs the refusal RSA2, the protocol default.
        assertEquals("40002/isv.invalid-signature-type", verifier(SignType.RSA2).verify(AlipayProvider.QUERY, body).providerCode());
    }

    @Test
    void tamperedBizContent_isInvalidSignature() throws Exception {
        SignedRequest r = new RequestSigner(clientConfig.appId(), signType(), appKey(), Clock.systemUTC())
                .sign(AlipayProvider.QUERY, "{\"certify_id\":\"abc\"}");
        String body = send(r.queryString(), r.formBody().replace("abc", "abd"));
        assertEquals("40002/isv.invalid-signature", verifier().verify(AlipayProvider.QUERY, body).providerCode());
    }

    @Test
    void certifyPageWithTamperedSignature_isNotRedirected() {
        StartedVerification started = start(ID_NUMBER);
        String tampered = started.redirectUrl().toString().replace("certify_id%22%3A%22", "certify_id%22%3A%22x");
        Response r = given().redirects().follow(false).urlEncodingEnabled(false).get(tampered);
        assertEquals(200, r.statusCode());
        assertTrue(r.asString().contains("isv.invalid-signature"), r.asString());
    }

    @Test
    void unknownCertifyIdOnFacePage_is404() {
        given().get("/sandbox/face?certify_id=doesnotexist").then().statusCode(404).body(containsString("Not found"));
        given().contentType("application/x-www-form-urlencoded").formParam("certify_id", "doesnotexist")
                .formParam("outcome", "pass").redirects().follow(false).post("/sandbox/face").then().statusCode(404);
    }

    @Test
    void magicAlwaysFail_failsEvenWhenPassed() {
        StartedVerification started = start(SandboxBehaviour.ALWAYS_FAIL.idNumber());
        submit(started.providerReference(), "pass");
        assertEquals(Verdict.FAILED, provider.fetchOutcome(started.providerReference()).verdict());
    }

    @Test
    void magicUnavailable_isProviderUnavailable() {
        StartedVerification started = start(SandboxBehaviour.UNAVAILABLE.idNumber());
        ProviderException e = assertThrows(ProviderException.class, () -> provider.fetchOutcome(started.providerReference()));
        assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, e.code());
        assertEquals("20000/isp.unknow-error", e.providerCode());
    }

    @Test
    void magicBadSignature_isRejectedByTheClient() {
        StartedVerification started = start(SandboxBehaviour.BAD_SIGNATURE.idNumber());
        submit(started.providerReference(), "pass");
        ProviderException e = assertThrows(ProviderException.class, () -> provider.fetchOutcome(started.providerReference()));
        assertEquals(ResponseVerifier.BAD_SIGNATURE, e.providerCode());
    }

    @Test
    void magicExpired_isExpiredAtOnce() {
        StartedVerification started = start(SandboxBehaviour.EXPIRED.idNumber());
        submit(started.providerReference(), "pass");
        var outcome = provider.fetchOutcome(started.providerReference());
        assertEquals(Verdict.EXPIRED, outcome.verdict());
        assertEquals("CERTIFY_ID_EXPIRED", outcome.reason());
    }

    @Test
    void answersAreSignedWithTheRequestsSignType_only() throws Exception {
        SignedRequest r = new RequestSigner(clientConfig.appId(), signType(), appKey(), Clock.systemUTC())
                .sign(AlipayProvider.QUERY, "{\"certify_id\":\"abc\"}");
        String body = post(r);
        assertEquals("40004/CERTIFY_ID_NOT_EXIST", verifier().verify(AlipayProvider.QUERY, body).providerCode());
        SignType other = signType() == SignType.RSA2 ? SignType.SM2 : SignType.RSA2;
        ProviderException e = assertThrows(ProviderException.class, () -> verifier(other).verify(AlipayProvider.QUERY, body));
        assertEquals(ResponseVerifier.BAD_SIGNATURE, e.providerCode());
    }

    @Test
    void queryAnswer_carriesPlaceholdersTheClientDrops() throws Exception {
        StartedVerification started = start(ID_NUMBER);
        submit(started.providerReference(), "pass");
        SignedRequest r = new RequestSigner(clientConfig.appId(), signType(), appKey(), Clock.systemUTC())
                .sign(AlipayProvider.QUERY, "{\"certify_id\":\"" + started.providerReference() + "\"}");
        String body = post(r);
        assertTrue(body.contains("identity_info") && body.contains("material_info"), "the sandbox sends them");
        AlipayResponse parsed = verifier().verify(AlipayProvider.QUERY, body);
        assertTrue(parsed.isSuccess());
        assertFalse(parsed.fields().containsKey("identity_info"));
        assertFalse(parsed.fields().containsKey("material_info"));
    }

    // ---- helpers ----

    private StartedVerification start(String idNumber) {
        StartedVerification started = provider.start(request(newSessionId(), idNumber));
        assertTrue(started.providerReference().length() <= 32);
        assertTrue(started.redirectUrl().toString().startsWith(clientConfig.endpoint() + "?"));
        assertTrue(started.redirectUrl().toString().contains("sign_type=" + signType() + "&"), "signed with the configured type");
        return started;
    }

    private static VerificationStart request(String sessionId, String idNumber) {
        return new VerificationStart(sessionId, PersonName.parse(NAME), IdNumber.parse(idNumber), URI.create(RETURN_URL));
    }

    /** The browser follows the signed certify URL; the sandbox answers 302 to its face page. */
    private static String followCertify(StartedVerification started) {
        Response r = given().redirects().follow(false).urlEncodingEnabled(false).get(started.redirectUrl().toString());
        assertEquals(302, r.statusCode(), r.asString());
        String location = r.header("Location");
        assertTrue(location.endsWith("/sandbox/face?certify_id=" + started.providerReference()), location);
        return location;
    }

    /** Presses a face page button; the sandbox sends the browser back to return_url with nothing appended. */
    private static void submit(String certifyId, String outcome) {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("certify_id", certifyId).formParam("outcome", outcome)
                .post("/sandbox/face")
                .then().statusCode(302).header("Location", RETURN_URL);
    }

    private static String newSessionId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private PrivateKey appKey() throws IOException {
        return PemKeys.readPrivateKey(keyMaterial.folder().resolve(SandboxKeyMaterial.appPrivate(signType())), signType());
    }

    private ResponseVerifier verifier() throws IOException {
        return verifier(signType());
    }

    private ResponseVerifier verifier(SignType type) throws IOException {
        return new ResponseVerifier(type,
                PemKeys.readPublicKey(keyMaterial.folder().resolve(SandboxKeyMaterial.providerPublic(type)), type), mapper);
    }

    private String post(SignedRequest r) throws Exception {
        return send(r.queryString(), r.formBody());
    }

    private String send(String query, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(clientConfig.endpoint() + "?" + query))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
