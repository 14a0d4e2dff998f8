package org.realname.gateway.provider.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayUserCertifyOpenInitializeModel;
import com.alipay.api.domain.OpenCertifyIdentityParam;
import com.alipay.api.domain.OpenCertifyMerchantConfig;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayUserCertifyOpenCertifyRequest;
import com.alipay.api.request.AlipayUserCertifyOpenInitializeRequest;
import com.alipay.api.request.AlipayUserCertifyOpenQueryRequest;
import com.alipay.api.response.AlipayUserCertifyOpenInitializeResponse;
import com.alipay.api.response.AlipayUserCertifyOpenQueryResponse;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.realname.gateway.provider.alipay.AlipayProvider;
import org.realname.gateway.provider.alipay.PemKeys;
import org.realname.gateway.provider.alipay.RequestSigner;
import org.realname.gateway.provider.alipay.ResponseVerifier;
import org.realname.gateway.provider.alipay.SignType;
import org.realname.gateway.provider.alipay.SignedRequest;

/**
 * The official Alipay Java SDK ({@code com.alipay.sdk:alipay-sdk-java} 4.40.0) against the sandbox,
 * and the SDK's own checker against the gateway client's request signatures, for both sign types.
 * Every SDK {@code execute} below also proves the sandbox's answer signature: the SDK throws on a
 * success it cannot verify.
 *
 * <p>The SDK finds BouncyCastle by name ({@code "BC"} in the global provider list) and builds its
 * own {@code SM2ParameterSpec}: its SM2 works only if the registered "BC" comes from the same
 * class loader as the SDK. That holds here because this default-profile application is the first
 * to register it (Quarkus runs default-profile tests first); a test profile that starts earlier
 * and registers BC would make the SDK's SM2 fail ("only SM2ParameterSpec supported"). The
 * gateway's own code is immune (see {@code GmProvider}).
 */
@QuarkusTest
class AlipaySdkConformanceTest {

    private static final String RETURN_URL = "https://platform.example/return?state=sdk";
    // Any ordinary resident ID number: not one of the sandbox's magic behaviours.
    private static final String ID_NUMBER = "11010519491231002X";
    /** The test profile's log file (application.properties, %test). */
    private static final Path LOG = Path.of("target/test-logs/gateway.log");

    @TestHTTPResource("/sandbox/gateway.do")
    URL gatewayUrl;
    @Inject
    SandboxKeyMaterial keyMaterial;
    @Inject
    SandboxConfig sandbox;
    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void silenceTheSdksOwnLogging() {
        // The SDK logs every call's parameters (biz_content: name and ID number) at INFO into the
        // application's log, which the test run captures and scans for personal data.
        AlipayLogger.setNeedEnableLogger(false);
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void sdk_runsInitializeCertifyFaceQuery_andPasses(SignType type) throws Exception {
        AlipayClient sdk = sdk(type, appPrivateKey(type));

        AlipayUserCertifyOpenInitializeRequest init = new AlipayUserCertifyOpenInitializeRequest();
        // The model, not a JSON string: the SDK's own writer sends "https:\/\/…", so the sandbox
        // must verify the raw text it received and still read return_url correctly.
        init.setBizModel(initializeModel(newOrderNo()));
        AlipayUserCertifyOpenInitializeResponse started = sdk.execute(init);
        assertTrue(started.isSuccess(), started.getSubCode());
        String certifyId = started.getCertifyId();
        assertNotNull(certifyId);

        AlipayUserCertifyOpenCertifyRequest certify = new AlipayUserCertifyOpenCertifyRequest();
        certify.setBizContent("{\"certify_id\":\"" + certifyId + "\"}");
        String pageUrl = sdk.pageExecute(certify, "GET").getBody();
        assertTrue(pageUrl.startsWith(gatewayUrl + "?"), pageUrl);
        assertTrue(pageUrl.contains("sign_type=" + type.name()), pageUrl);
        Response redirect = given().redirects().follow(false).urlEncodingEnabled(false).get(pageUrl);
        assertEquals(302, redirect.statusCode(), redirect.asString());
        assertTrue(redirect.header("Location").endsWith("/sandbox/face?certify_id=" + certifyId), redirect.header("Location"));

        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("certify_id", certifyId).formParam("outcome", "pass")
                .post("/sandbox/face")
                .then().statusCode(302).header("Location", RETURN_URL);

        AlipayUserCertifyOpenQueryRequest query = new AlipayUserCertifyOpenQueryRequest();
        query.setBizContent("{\"certify_id\":\"" + certifyId + "\"}");
        AlipayUserCertifyOpenQueryResponse outcome = sdk.execute(query);
        assertTrue(outcome.isSuccess(), outcome.getSubCode());
        assertEquals("T", outcome.getPassed());
        assertFalse(Files.readString(LOG, StandardCharsets.UTF_8).contains(ID_NUMBER), "no ID number in the captured log");
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void sdkQueryBeforeFinishing_isSignedBusinessError(SignType type) throws Exception {
        AlipayUserCertifyOpenInitializeRequest init = new AlipayUserCertifyOpenInitializeRequest();
        init.setBizContent(initializeContent(newOrderNo()));
        AlipayClient sdk = sdk(type, appPrivateKey(type));
        String certifyId = sdk.execute(init).getCertifyId();

        AlipayUserCertifyOpenQueryRequest query = new AlipayUserCertifyOpenQueryRequest();
        query.setBizContent("{\"certify_id\":\"" + certifyId + "\"}");
        AlipayUserCertifyOpenQueryResponse outcome = sdk.execute(query);
        assertFalse(outcome.isSuccess());
        assertEquals("40004", outcome.getCode());
        assertEquals("CERTIFY_NOT_FINISH", outcome.getSubCode());
        assertEquals("认证未完成", outcome.getSubMsg(), "raw UTF-8 read back intact by the SDK");
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void sdkWithWrongPrivateKey_getsSignedInvalidSignature(SignType type) throws Exception {
        String wrongKey = base64(PemKeys.generate(type).getPrivate().getEncoded());
        AlipayUserCertifyOpenQueryRequest query = new AlipayUserCertifyOpenQueryRequest();
        query.setBizContent("{\"certify_id\":\"abc\"}");
        // The SDK still verifies the (signed) error answer with the sandbox's public key.
        AlipayUserCertifyOpenQueryResponse answer = sdk(type, wrongKey).execute(query);
        assertFalse(answer.isSuccess());
        assertEquals("40002", answer.getCode());
        assertEquals("isv.invalid-signature", answer.getSubCode());
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void sdkSignedRequestWithTamperedBizContent_isInvalidSignature(SignType type) throws Exception {
        String url = signedQueryUrl(type, "{\"certify_id\":\"abc\"}");
        String tampered = url.replace("%22abc%22", "%22abd%22");
        assertNotEquals(url, tampered, "the tamper must change the request");
        assertEquals("40002/isv.invalid-signature", getAndVerify(type, tampered));
        assertEquals("40004/CERTIFY_ID_NOT_EXIST", getAndVerify(type, url), "untampered, the same URL is accepted");
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void sdkSignedRequestWithStaleTimestamp_isInvalidTimestamp(SignType type) throws Exception {
        String url = signedQueryUrl(type, "{\"certify_id\":\"abc\"}");
        Matcher m = Pattern.compile("timestamp=([^&]+)").matcher(url);
        assertTrue(m.find(), url);
        String stale = RequestSigner.TIMESTAMP.format(Instant.now().minus(sandbox.timestampSkew()).minusSeconds(60));
        String staleUrl = url.replace(m.group(0), "timestamp=" + URLEncoder.encode(stale, StandardCharsets.UTF_8));
        assertEquals("40002/isv.invalid-timestamp", getAndVerify(type, staleUrl));
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void sdkChecker_acceptsTheGatewayClientsRequestSignature(SignType type) throws Exception {
        Map<String, String> params = gatewaySigned(type, "{\"certify_id\":\"a/b 张\",\"x\":\"&=+\"}");
        String appPublic = pemBody(keyMaterial.folder().resolve(SandboxKeyMaterial.appPublic(type)));
        assertTrue(AlipaySignature.verifyV2(new LinkedHashMap<>(params), appPublic, "UTF-8", type.name()));
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void sdkChecker_rejectsATamperedGatewayRequest(SignType type) throws Exception {
        Map<String, String> params = gatewaySigned(type, "{\"certify_id\":\"abc\"}");
        params.put(RequestSigner.BIZ_CONTENT, "{\"certify_id\":\"abd\"}");
        String appPublic = pemBody(keyMaterial.folder().resolve(SandboxKeyMaterial.appPublic(type)));
        assertFalse(AlipaySignature.verifyV2(new LinkedHashMap<>(params), appPublic, "UTF-8", type.name()));
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void sdkChecker_rejectsTheGatewayRequestUnderAnotherKey(SignType type) throws Exception {
        Map<String, String> params = gatewaySigned(type, "{\"certify_id\":\"abc\"}");
        String otherPublic = base64(PemKeys.generate(type).getPublic().getEncoded());
        assertFalse(AlipaySignature.verifyV2(new LinkedHashMap<>(params), otherPublic, "UTF-8", type.name()));
    }

    // ---- helpers ----

    private AlipayClient sdk(SignType type, String appPrivateKey) throws IOException {
        String providerPublic = pemBody(keyMaterial.folder().resolve(SandboxKeyMaterial.providerPublic(type)));
        return new DefaultAlipayClient(gatewayUrl.toString(), sandbox.appId(), appPrivateKey, "json", "UTF-8",
                providerPublic, type.name());
    }

    private String appPrivateKey(SignType type) throws IOException {
        return pemBody(keyMaterial.folder().resolve(SandboxKeyMaterial.appPrivate(type)));
    }

    /** A query request signed by the SDK, as the one URL its page API builds (every parameter in the query). */
    private String signedQueryUrl(SignType type, String bizContent) throws AlipayApiException, IOException {
        AlipayUserCertifyOpenQueryRequest query = new AlipayUserCertifyOpenQueryRequest();
        query.setBizContent(bizContent);
        return sdk(type, appPrivateKey(type)).pageExecute(query, "GET").getBody();
    }

    /** GETs a signed URL and answers {@code code/sub_code} of the answer, whose signature must verify. */
    private String getAndVerify(SignType type, String url) throws IOException {
        Response r = given().redirects().follow(false).urlEncodingEnabled(false).get(url);
        assertEquals(200, r.statusCode());
        ResponseVerifier verifier = new ResponseVerifier(type,
                PemKeys.readPublicKey(keyMaterial.folder().resolve(SandboxKeyMaterial.providerPublic(type)), type), mapper);
        return verifier.verify(AlipayProvider.QUERY, r.asString()).providerCode();
    }

    /** Every parameter of a request the gateway's own signer made, query and body merged. */
    private Map<String, String> gatewaySigned(SignType type, String bizContent) throws IOException {
        RequestSigner signer = new RequestSigner(sandbox.appId(), type,
                PemKeys.readPrivateKey(keyMaterial.folder().resolve(SandboxKeyMaterial.appPrivate(type)), type),
                Clock.systemUTC());
        SignedRequest r = signer.sign(AlipayProvider.QUERY, bizContent);
        Map<String, String> all = new LinkedHashMap<>(r.query());
        all.putAll(r.body());
        return all;
    }

    private static String initializeContent(String outerOrderNo) {
        return "{\"outer_order_no\":\"" + outerOrderNo + "\",\"biz_code\":\"FACE\",\"identity_param\":{"
                + "\"identity_type\":\"CERT_INFO\",\"cert_type\":\"IDENTITY_CARD\",\"cert_name\":\"张三\","
                + "\"cert_no\":\"" + ID_NUMBER + "\"},\"merchant_config\":{\"return_url\":\"" + RETURN_URL + "\"}}";
    }

    private static AlipayUserCertifyOpenInitializeModel initializeModel(String outerOrderNo) {
        AlipayUserCertifyOpenInitializeModel model = new AlipayUserCertifyOpenInitializeModel();
        model.setOuterOrderNo(outerOrderNo);
        model.setBizCode("FACE");
        OpenCertifyIdentityParam identity = new OpenCertifyIdentityParam();
        identity.setIdentityType("CERT_INFO");
        identity.setCertType("IDENTITY_CARD");
        identity.setCertName("张三");
        identity.setCertNo(ID_NUMBER);
        model.setIdentityParam(identity);
        OpenCertifyMerchantConfig merchant = new OpenCertifyMerchantConfig();
        merchant.setReturnUrl(RETURN_URL);
        model.setMerchantConfig(merchant);
        return model;
    }

    private static String newOrderNo() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The SDK wants bare base64 DER: the PEM body without its armour and line breaks. */
    private static String pemBody(Path pem) throws IOException {
        return Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
