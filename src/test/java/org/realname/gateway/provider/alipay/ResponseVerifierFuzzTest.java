package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.provider.ProviderException;
import org.realname.gateway.provider.ProviderOutcome;
import org.realname.gateway.web.EndpointJson;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The provider's answers, read with the gateway's strict mapper and checked with an SM2 key:
 * <ul>
 *   <li>any body is accepted or refused as {@code malformed-response} / {@code bad-signature},
 *       with a message that quotes nothing of it;</li>
 *   <li>an accepted answer never keeps identity or face material, its provider code is safe to
 *       log, store and show (as {@link AlipayResponse#providerCode()} promises), and it maps to a
 *       verdict (PASSED or FAILED) only if it is correctly signed;</li>
 *   <li>a signed answer built from fuzzed fields verifies and reads back exactly those fields;
 *       with one character of it changed, it is refused or reads back the same content.</li>
 * </ul>
 */
class ResponseVerifierFuzzTest {

    private static final KeyPair PROVIDER = PemKeys.generateSm2();
    private static final String QUERY = "alipay.user.certify.open.query";
    private static final String ROOT = ResponseVerifier.rootNode(QUERY);
    /** What may be logged, stored and shown as a provider code: identifiers, no text. */
    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    private final ObjectMapper mapper = EndpointJson.endpointMapper();
    private final ResponseVerifier verifier = new ResponseVerifier(SignType.SM2, PROVIDER.getPublic(), mapper);

    @FuzzTest
    void anyBodyIsAcceptedOnlyAsSafeContentOrRefused(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);
        Optional<AlipayResponse> accepted = verifyOrRefused(body);
        if (accepted.isEmpty()) {
            return;
        }
        AlipayResponse r = accepted.get();
        if (r.isSuccess() || verdictOf(r).isPresent()) {
            assertTrue(correctlySigned(body), "only a correctly signed answer is a success or a verdict");
        }
    }

    @FuzzTest
    void signedAnswerReadsBackItsFieldsAndTamperingIsRefused(FuzzedDataProvider data) throws JsonProcessingException {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("code", data.pickValue(new String[] {"10000", "40004", "20000", "40002", data.consumeString(8)}));
        if (data.consumeBoolean()) {
            content.put("sub_code", data.consumeBoolean() ? "CERTIFY_ID_EXPIRED" : data.consumeString(24));
        }
        content.put("msg", data.consumeString(16));
        if (data.consumeBoolean()) {
            content.put("passed", data.pickValue(new Object[] {"T", "F", new String[] {"T"}, data.consumeString(4)}));
        }
        if (data.consumeBoolean()) {
            content.put(data.pickValue(new String[] {"identity_info", "material_info"}), data.consumeString(32));
        }
        content.put(data.consumeString(12), data.consumeString(32));
        String raw = mapper.writeValueAsString(content);
        // Some servers send "/" as "\/" and sign the unescaped text; the verifier must take both.
        boolean escaped = data.consumeBoolean() && raw.contains("/");
        String sent = escaped ? raw.replace("/", "\\/") : raw;
        String sign = AlipaySignatures.sign(SignType.SM2, PROVIDER.getPrivate(), raw);
        String body = data.consumeBoolean()
                ? "{\"" + ROOT + "\":" + sent + ",\"sign\":\"" + sign + "\"}"
                : "{\"sign\":\"" + sign + "\", \"" + ROOT + "\" : " + sent + "}";

        Optional<AlipayResponse> accepted = verifyOrRefused(body);
        JsonNode expected = mapper.readTree(raw);
        if (accepted.isEmpty()) {
            // Refused although correctly signed: only for codes that are not safe identifiers.
            assertFalse(ResponseVerifier.CODE.matcher(expected.path("code").asText("")).matches()
                    && ResponseVerifier.CODE.matcher(expected.path("sub_code").asText("x")).matches(),
                    "a correctly signed answer with safe codes is accepted");
            return;
        }
        assertSameContent(expected, accepted.get());

        int at = data.consumeInt(0, body.length() - 1);
        char replacement = data.consumeChar();
        if (body.charAt(at) == replacement) {
            return;
        }
        String tampered = body.substring(0, at) + replacement + body.substring(at + 1);
        Optional<AlipayResponse> afterTamper = verifyOrRefused(tampered);
        if (afterTamper.isPresent()) {
            AlipayResponse r = afterTamper.get();
            if (r.isSuccess() || verdictOf(r).isPresent() || correctlySigned(tampered)) {
                assertSameContent(expected, r);
            } else {
                // The signature was made unreadable: only an unsigned error may pass, as errors do.
                assertFalse(r.subCode() == null || r.subCode().isEmpty(), "an unsigned answer is accepted only as an error");
            }
        }
    }

    /** Verifies, checking the properties of every acceptance and every refusal. */
    private Optional<AlipayResponse> verifyOrRefused(String body) {
        AlipayResponse r;
        try {
            r = verifier.verify(QUERY, body);
        } catch (ProviderException e) {
            assertEquals(ErrorCode.PROVIDER_ERROR, e.code());
            assertTrue(Set.of(ResponseVerifier.MALFORMED, ResponseVerifier.BAD_SIGNATURE).contains(e.providerCode()),
                    "refused as malformed or badly signed");
            // The detail is the fixed sentence with the code: nothing of the body (a short body
            // may well be a substring of the sentence, so quoting is checked by equality).
            assertEquals("The verification provider's answer was rejected (" + e.providerCode() + ")", e.detail());
            assertTrue(e.getCause() == null, "no cause: Jackson's messages quote the body");
            return Optional.empty();
        }
        assertFalse(r.fields().containsKey("identity_info") || r.fields().containsKey("material_info"),
                "identity and face material are dropped");
        if (!SAFE_CODE.matcher(r.providerCode()).matches()) {
            fail("an accepted answer's provider code is not safe to log, store and show");
        }
        return Optional.of(r);
    }

    /** The verdict the query answer maps to (PASSED or FAILED), if it maps to one. */
    private static Optional<ProviderOutcome.Verdict> verdictOf(AlipayResponse r) {
        try {
            ProviderOutcome.Verdict v = QueryOutcomes.map(r).verdict();
            return v == ProviderOutcome.Verdict.PASSED || v == ProviderOutcome.Verdict.FAILED ? Optional.of(v) : Optional.empty();
        } catch (ProviderException e) {
            return Optional.empty();
        }
    }

    /** Independently of the verifier: the object it checked carries a good signature. */
    private boolean correctlySigned(String body) {
        Optional<String> raw = ResponseVerifier.extractRaw(body, ROOT).or(() -> ResponseVerifier.extractRaw(body,
                ResponseVerifier.ERROR_RESPONSE));
        String sign;
        try {
            sign = mapper.readTree(body).path(AlipaySignatures.SIGN).asText("");
        } catch (JsonProcessingException e) {
            return false;
        }
        return raw.isPresent() && (AlipaySignatures.verify(SignType.SM2, PROVIDER.getPublic(), raw.get(), sign)
                || AlipaySignatures.verify(SignType.SM2, PROVIDER.getPublic(), raw.get().replace("\\/", "/"), sign));
    }

    private static void assertSameContent(JsonNode expected, AlipayResponse r) {
        assertEquals(expected.path("code").asText(null), r.code(), "code");
        String subCode = expected.path("sub_code").asText(null);
        assertEquals(subCode == null || subCode.isEmpty() ? null : subCode, r.subCode(), "sub_code");
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        expected.fields().forEachRemaining(e -> {
            if (!Set.of("code", "sub_code").contains(e.getKey()) && !ResponseVerifier.DROPPED_FIELDS.contains(e.getKey())) {
                fields.put(e.getKey(), e.getValue());
            }
        });
        assertEquals(fields, r.fields(), "the other fields, minus identity and face material");
    }
}
